/** Every row of ARCHITECTURE.md's "Who writes what" table, through `POST /db/{c}/_bulk_docs`, hostile requests included. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../app/model/constants';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { couch, createDbWorld, pull, push, pushOk, type DbWorld } from './db-test-helpers';

let world: DbWorld;
beforeEach(async () => {
  world = await createDbWorld();
});
afterEach(async () => world.app.close());

/** Creates a ticket as Ada; returns the stored ticket (number and customerName stamped) and its revision. */
async function adaTicket(overrides: Partial<TicketDoc> = {}): Promise<{ ticket: TicketDoc; rev: string }> {
  const ticket = aTicket(world.ada.user, { id: newId(), ...overrides });
  const rev = await pushOk(world.ada, 'tickets', couch(ticket));
  return { ticket: await stored(ticket.id), rev };
}

async function stored(id: string): Promise<TicketDoc> {
  const { _id, _rev: _ignored, ...fields } = (await world.app.storage.tickets.get(id)) as unknown as Record<string, unknown>;
  return { ...fields, id: _id } as TicketDoc;
}

/** Sam moves the ticket to `status` (agents may); returns the new revision. */
async function agentSets(ticket: TicketDoc, rev: string, changes: Partial<TicketDoc>): Promise<string> {
  return pushOk(world.sam, 'tickets', couch({ ...ticket, ...changes }, rev));
}

async function expectRefused(row: Record<string, unknown> | undefined, error: string, reason: string): Promise<void> {
  expect(row).toMatchObject({ error });
  expect(String(row?.reason)).toContain(reason);
}

describe('creating a ticket', () => {
  it('lets a customer create their own; the server stamps the number and their account name', async () => {
    const ticket = aTicket(world.ada.user, { id: newId(), customerName: '' });
    const [row] = await push(world.ada, 'tickets', [{ ...couch(ticket), _deleted: false }]);
    expect(row).toMatchObject({ ok: true, id: ticket.id });
    expect(await stored(ticket.id)).toMatchObject({ number: 1, customerName: 'Ada Lovelace', customerId: world.ada.user.id });
  });

  it('lets an agent create one for a customer, named from the customer’s account', async () => {
    const ticket = aTicket(world.ada.user, { id: newId(), customerName: 'Whatever', priority: 'high', status: 'pending' });
    await pushOk(world.sam, 'tickets', couch(ticket));
    expect(await stored(ticket.id)).toMatchObject({ number: 1, customerName: 'Ada Lovelace', priority: 'high' });
  });

  it('numbers tickets one after another and never reuses a number', async () => {
    const first = await adaTicket();
    const second = await adaTicket();
    expect([first.ticket.number, second.ticket.number]).toEqual([1, 2]);
  });

  it.each([
    ['a forged customerId', () => ({ customerId: world.grace.user.id }), 'yourself'],
    ['a number set by the customer', () => ({ number: 7 }), 'server'],
    ['a status other than open', () => ({ status: 'closed' as const }), 'starts open'],
    ['a priority', () => ({ priority: 'urgent' as const }), 'agent'],
    ['an assignee', () => ({ assigneeId: world.sam.user.id }), 'agent'],
    ['a two-letter subject', () => ({ subject: 'ab' }), 'at least 3'],
    ['an unknown schema version', () => ({ schemaVersion: 99 }), 'schemaVersion'],
  ])('refuses a customer’s new ticket with %s, storing nothing', async (_what, overrides, reason) => {
    const ticket = aTicket(world.ada.user, { id: newId(), ...overrides() });
    const [row] = await push(world.ada, 'tickets', [couch(ticket)]);
    await expectRefused(row, 'forbidden', reason);
    await expect(world.app.storage.tickets.get(ticket.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a number set by an agent', async () => {
    const [row] = await push(world.sam, 'tickets', [couch(aTicket(world.ada.user, { id: newId(), number: 3 }))]);
    await expectRefused(row, 'forbidden', 'server');
  });

  it('accepts the previous schema version', async () => {
    const ticket = aTicket(world.ada.user, { id: newId(), schemaVersion: SCHEMA_VERSION - 1 });
    await pushOk(world.ada, 'tickets', couch(ticket));
  });
});

describe('changing a ticket', () => {
  it('keeps subject and description for agents', async () => {
    const { ticket, rev } = await adaTicket();
    const [refused] = await push(world.ada, 'tickets', [couch({ ...ticket, subject: 'Changed by Ada' }, rev)]);
    await expectRefused(refused, 'forbidden', 'agent');
    await agentSets(ticket, rev, { subject: 'Changed by Sam', description: 'More detail' });
    expect(await stored(ticket.id)).toMatchObject({ subject: 'Changed by Sam', description: 'More detail' });
  });

  it('lets a customer mark resolved and reopen from resolved or pending', async () => {
    let { ticket, rev } = await adaTicket();
    rev = await pushOk(world.ada, 'tickets', couch({ ...ticket, status: 'resolved', statusChangedAt: 2_000 }, rev));
    ticket = await stored(ticket.id);
    rev = await pushOk(world.ada, 'tickets', couch({ ...ticket, status: 'open', statusChangedAt: 3_000 }, rev));
    rev = await agentSets(await stored(ticket.id), rev, { status: 'pending', statusChangedAt: 4_000 });
    await pushOk(world.ada, 'tickets', couch({ ...(await stored(ticket.id)), status: 'open', statusChangedAt: 5_000 }, rev));
    expect(await stored(ticket.id)).toMatchObject({ status: 'open', statusChangedAt: 5_000 });
  });

  it('refuses a customer’s move to closed or pending and any move from closed', async () => {
    const { ticket, rev } = await adaTicket();
    const [toClosed] = await push(world.ada, 'tickets', [couch({ ...ticket, status: 'closed' }, rev)]);
    await expectRefused(toClosed, 'forbidden', 'cannot be changed');
    const [toPending] = await push(world.ada, 'tickets', [couch({ ...ticket, status: 'pending' }, rev)]);
    await expectRefused(toPending, 'forbidden', 'cannot be changed');
    const closedRev = await agentSets(ticket, rev, { status: 'closed', statusChangedAt: 2_000 });
    const closed = await stored(ticket.id);
    const [reopen] = await push(world.ada, 'tickets', [couch({ ...closed, status: 'open', statusChangedAt: 3_000 }, closedRev)]);
    await expectRefused(reopen, 'forbidden', 'closed');
    expect(await stored(ticket.id)).toMatchObject({ status: 'closed' });
  });

  it('keeps priority and assignee for agents', async () => {
    const { ticket, rev } = await adaTicket();
    for (const change of [{ priority: 'urgent' as const }, { assigneeId: world.sam.user.id }]) {
      const [row] = await push(world.ada, 'tickets', [couch({ ...ticket, ...change }, rev)]);
      await expectRefused(row, 'forbidden', 'agent');
    }
    await agentSets(ticket, rev, { priority: 'urgent', assigneeId: world.sam.user.id });
    expect(await stored(ticket.id)).toMatchObject({ priority: 'urgent', assigneeId: world.sam.user.id });
  });

  it('never lets anyone set number or customerName, or move a ticket to another customer', async () => {
    const { ticket, rev } = await adaTicket();
    for (const person of [world.ada, world.sam]) {
      for (const change of [{ number: 99 }, { customerName: 'Someone Else' }, { customerId: world.grace.user.id }]) {
        const [row] = await push(person, 'tickets', [couch({ ...ticket, ...change }, rev)]);
        expect(row).toMatchObject({ error: 'forbidden' });
      }
    }
    expect(await stored(ticket.id)).toEqual(ticket);
  });

  it('keeps the server-owned fields when a device sends its placeholder number', async () => {
    const { ticket, rev } = await adaTicket();
    await pushOk(world.ada, 'tickets', couch({ ...ticket, number: null, customerName: '', status: 'resolved' }, rev));
    expect(await stored(ticket.id)).toMatchObject({ number: ticket.number, customerName: 'Ada Lovelace', status: 'resolved' });
  });

  it('answers a stale revision with conflict (RxDB then fetches and merges)', async () => {
    const { ticket, rev } = await adaTicket();
    await agentSets(ticket, rev, { priority: 'high' });
    const [row] = await push(world.ada, 'tickets', [couch({ ...ticket, status: 'resolved' }, rev)]);
    expect(row).toMatchObject({ id: ticket.id, error: 'conflict' });
    const [missing] = await push(world.ada, 'tickets', [couch({ ...ticket, id: newId() }, rev)]);
    expect(missing).toMatchObject({ error: 'conflict' });
    const [noRev] = await push(world.ada, 'tickets', [couch(ticket)]);
    expect(noRev).toMatchObject({ error: 'conflict' });
  });

  it('refuses another customer’s ticket without saying whether it exists', async () => {
    const { ticket, rev } = await adaTicket();
    const [row] = await push(world.grace, 'tickets', [couch({ ...ticket, customerId: world.grace.user.id, status: 'resolved' }, rev)]);
    expect(row).toMatchObject({ error: 'forbidden' });
  });
});

describe('messages', () => {
  it('lets a customer reply publicly on their own ticket, and a first message needs 10 characters', async () => {
    const { ticket } = await adaTicket();
    await pushOk(world.ada, 'messages', couch(aMessage(ticket, world.ada.user, { id: newId() })));
    const first = aMessage(ticket, world.ada.user, { id: ticket.id, body: 'Too short' });
    const [short] = await push(world.ada, 'messages', [couch(first)]);
    await expectRefused(short, 'forbidden', 'at least 10');
    await pushOk(world.ada, 'messages', couch({ ...first, body: 'Long enough for a first message' }));
  });

  it.each([
    ['an agent message', () => ({ authorRole: 'agent' as const }), 'yourself'],
    ['an internal note', () => ({ visibility: 'internal' as const }), 'agents'],
    ['a system message', () => ({ authorRole: 'system' as const }), 'server'],
    ['a message as somebody else', () => ({ authorId: world.grace.user.id }), 'yourself'],
    ['a message on another customer’s ticket', () => ({ customerId: world.grace.user.id }), 'ticket'],
    ['an empty reply', () => ({ body: '  ' }), 'reply'],
  ])('refuses %s written by a customer', async (_what, overrides, reason) => {
    const { ticket } = await adaTicket();
    const message = aMessage(ticket, world.ada.user, { id: newId(), ...overrides() });
    const [row] = await push(world.ada, 'messages', [couch(message)]);
    await expectRefused(row, 'forbidden', reason);
    await expect(world.app.storage.messages.get(message.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a customer reply on a closed ticket', async () => {
    const { ticket, rev } = await adaTicket();
    await agentSets(ticket, rev, { status: 'closed', statusChangedAt: 2_000 });
    const [row] = await push(world.ada, 'messages', [couch(aMessage(ticket, world.ada.user, { id: newId() }))]);
    await expectRefused(row, 'forbidden', 'closed');
  });

  it('lets an agent write public replies and internal notes, but not system messages or as another agent', async () => {
    const { ticket } = await adaTicket();
    const mine = { authorRole: 'agent' as const };
    await pushOk(world.sam, 'messages', couch(aMessage(ticket, world.sam.user, { id: newId(), ...mine, channel: 'email' })));
    await pushOk(world.sam, 'messages', couch(aMessage(ticket, world.sam.user, { id: newId(), visibility: 'internal' })));
    const [system] = await push(world.sam, 'messages', [couch(aMessage(ticket, world.sam.user, { id: newId(), authorRole: 'system' }))]);
    await expectRefused(system, 'forbidden', 'server');
    const [other] = await push(world.sam, 'messages', [couch(aMessage(ticket, world.sam.user, { id: newId(), authorId: 'user-other' }))]);
    await expectRefused(other, 'forbidden', 'themselves');
  });

  it('treats messages as immutable: a re-send is ok and stores nothing new, an edit is refused', async () => {
    const { ticket } = await adaTicket();
    const message = aMessage(ticket, world.ada.user, { id: newId() });
    const rev = await pushOk(world.ada, 'messages', couch(message));
    expect(await pushOk(world.ada, 'messages', couch(message, rev))).toBe(rev);
    const [edit] = await push(world.ada, 'messages', [couch({ ...message, body: 'Edited' }, rev)]);
    await expectRefused(edit, 'forbidden', 'edited');
  });
});

describe('what no one may send', () => {
  it('refuses deletions, attachments, unknown fields and CouchDB fields it does not know, per document', async () => {
    const { ticket, rev } = await adaTicket();
    const rows = await push(world.sam, 'tickets', [
      { ...couch(ticket, rev), _deleted: true },
      { ...couch(aTicket(world.ada.user, { id: newId() })), _attachments: { 'a.txt': { data: 'eA==' } } },
      { ...couch(aTicket(world.ada.user, { id: newId() })), colour: 'blue' },
      { ...couch(aTicket(world.ada.user, { id: newId() })), _meta: { lwt: 1 } },
      { ...couch(aTicket(world.ada.user, { id: newId() })), number: '5' },
      'not a document' as unknown as object,
      { subject: 'no id' },
    ]);
    expect(rows.map((row) => row.error)).toEqual([
      'forbidden', 'forbidden', 'bad_request', 'bad_request', 'bad_request', 'bad_request', 'bad_request',
    ]);
    expect(String(rows[2]?.reason)).toContain('unknown field colour');
    expect((await pull(world.sam, 'tickets')).results).toHaveLength(1);
  });

  it('refuses new_edits: false as a whole, storing nothing', async () => {
    const ticket = aTicket(world.ada.user, { id: newId() });
    const res = await world.sam.http
      .post('/db/tickets/_bulk_docs')
      .send({ docs: [{ ...couch(ticket), _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } }], new_edits: false });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'bad_request' });
    await expect(world.app.storage.tickets.get(ticket.id)).rejects.toMatchObject({ status: 404 });
  });

  it('answers a body that is not {docs: [...]} with 400', async () => {
    for (const body of [[], { docs: 'x' }, {}]) {
      const res = await world.ada.http.post('/db/tickets/_bulk_docs').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('bad_request');
    }
  });
});
