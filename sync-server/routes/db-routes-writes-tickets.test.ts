/** Who writes what, tickets: creation, every field's owner, server-owned fields and stale revisions (through _bulk_docs). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../app/model/constants';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { couch, createAdaTicket, createDbWorld, expectRefused, push, pushOk, storedTicket, type DbWorld } from './db-test-helpers';

let world: DbWorld;
beforeEach(async () => {
  world = await createDbWorld();
});
afterEach(async () => world.app.close());

/** Sam changes the ticket (agents may); returns the new revision. */
async function agentSets(ticket: TicketDoc, rev: string, changes: Partial<TicketDoc>): Promise<string> {
  return pushOk(world.sam, 'tickets', couch({ ...ticket, ...changes }, rev));
}

describe('creating a ticket', () => {
  it('lets a customer create their own; the server stamps the number and their account name', async () => {
    const ticket = aTicket(world.ada.user, { id: newId(), customerName: '' });
    const [row] = await push(world.ada, 'tickets', [{ ...couch(ticket), _deleted: false }]);
    expect(row).toMatchObject({ ok: true, id: ticket.id });
    expect(await storedTicket(world, ticket.id)).toMatchObject({ number: 1, customerName: 'Ada Lovelace', customerId: world.ada.user.id });
  });

  it('lets an agent create one for a customer, named from the customer’s account', async () => {
    const ticket = aTicket(world.ada.user, { id: newId(), customerName: 'Whatever', priority: 'high', status: 'pending' });
    await pushOk(world.sam, 'tickets', couch(ticket));
    expect(await storedTicket(world, ticket.id)).toMatchObject({ number: 1, customerName: 'Ada Lovelace', priority: 'high' });
  });

  it('numbers tickets one after another and never reuses a number', async () => {
    const first = await createAdaTicket(world);
    const second = await createAdaTicket(world);
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
    expectRefused(row, 'forbidden', reason);
    await expect(world.app.storage.tickets.get(ticket.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a number set by an agent', async () => {
    const [row] = await push(world.sam, 'tickets', [couch(aTicket(world.ada.user, { id: newId(), number: 3 }))]);
    expectRefused(row, 'forbidden', 'server');
  });

  it('accepts the previous schema version', async () => {
    const ticket = aTicket(world.ada.user, { id: newId(), schemaVersion: SCHEMA_VERSION - 1 });
    await pushOk(world.ada, 'tickets', couch(ticket));
  });
});

describe('changing a ticket', () => {
  it('keeps subject and description for agents', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    const [refused] = await push(world.ada, 'tickets', [couch({ ...ticket, subject: 'Changed by Ada' }, rev)]);
    expectRefused(refused, 'forbidden', 'agent');
    await agentSets(ticket, rev, { subject: 'Changed by Sam', description: 'More detail' });
    expect(await storedTicket(world, ticket.id)).toMatchObject({ subject: 'Changed by Sam', description: 'More detail' });
  });

  it('lets a customer mark resolved and reopen from resolved or pending', async () => {
    let { ticket, rev } = await createAdaTicket(world);
    rev = await pushOk(world.ada, 'tickets', couch({ ...ticket, status: 'resolved', statusChangedAt: 2_000 }, rev));
    ticket = await storedTicket(world, ticket.id);
    rev = await pushOk(world.ada, 'tickets', couch({ ...ticket, status: 'open', statusChangedAt: 3_000 }, rev));
    rev = await agentSets(await storedTicket(world, ticket.id), rev, { status: 'pending', statusChangedAt: 4_000 });
    await pushOk(world.ada, 'tickets', couch({ ...(await storedTicket(world, ticket.id)), status: 'open', statusChangedAt: 5_000 }, rev));
    expect(await storedTicket(world, ticket.id)).toMatchObject({ status: 'open', statusChangedAt: 5_000 });
  });

  it('refuses a customer’s move to closed or pending and any move from closed', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    const [toClosed] = await push(world.ada, 'tickets', [couch({ ...ticket, status: 'closed' }, rev)]);
    expectRefused(toClosed, 'forbidden', 'cannot be changed');
    const [toPending] = await push(world.ada, 'tickets', [couch({ ...ticket, status: 'pending' }, rev)]);
    expectRefused(toPending, 'forbidden', 'cannot be changed');
    const closedRev = await agentSets(ticket, rev, { status: 'closed', statusChangedAt: 2_000 });
    const closed = await storedTicket(world, ticket.id);
    const [reopen] = await push(world.ada, 'tickets', [couch({ ...closed, status: 'open', statusChangedAt: 3_000 }, closedRev)]);
    expectRefused(reopen, 'forbidden', 'closed');
    expect(await storedTicket(world, ticket.id)).toMatchObject({ status: 'closed' });
  });

  it('keeps priority and assignee for agents', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    for (const change of [{ priority: 'urgent' as const }, { assigneeId: world.sam.user.id }]) {
      const [row] = await push(world.ada, 'tickets', [couch({ ...ticket, ...change }, rev)]);
      expectRefused(row, 'forbidden', 'agent');
    }
    await agentSets(ticket, rev, { priority: 'urgent', assigneeId: world.sam.user.id });
    expect(await storedTicket(world, ticket.id)).toMatchObject({ priority: 'urgent', assigneeId: world.sam.user.id });
  });

  it('never lets anyone set number or customerName, or move a ticket to another customer', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    for (const person of [world.ada, world.sam]) {
      for (const change of [{ number: 99 }, { customerName: 'Someone Else' }, { customerId: world.grace.user.id }]) {
        const [row] = await push(person, 'tickets', [couch({ ...ticket, ...change }, rev)]);
        expect(row).toMatchObject({ error: 'forbidden' });
      }
    }
    expect(await storedTicket(world, ticket.id)).toEqual(ticket);
  });

  it('keeps the server-owned fields when a device sends its placeholder number', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    await pushOk(world.ada, 'tickets', couch({ ...ticket, number: null, customerName: '', status: 'resolved' }, rev));
    expect(await storedTicket(world, ticket.id)).toMatchObject({ number: ticket.number, customerName: 'Ada Lovelace', status: 'resolved' });
  });

  it('answers a stale revision with conflict (RxDB then fetches and merges)', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    await agentSets(ticket, rev, { priority: 'high' });
    const [row] = await push(world.ada, 'tickets', [couch({ ...ticket, status: 'resolved' }, rev)]);
    expect(row).toMatchObject({ id: ticket.id, error: 'conflict' });
    const [missing] = await push(world.ada, 'tickets', [couch({ ...ticket, id: newId() }, rev)]);
    expect(missing).toMatchObject({ error: 'conflict' });
    const [noRev] = await push(world.ada, 'tickets', [couch(ticket)]);
    expect(noRev).toMatchObject({ error: 'conflict' });
  });

  it('refuses another customer’s ticket without saying whether it exists', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    const [row] = await push(world.grace, 'tickets', [couch({ ...ticket, customerId: world.grace.user.id, status: 'resolved' }, rev)]);
    expect(row).toMatchObject({ error: 'forbidden' });
  });
});
