/** Who writes what, messages: customers' public replies, agents' notes, no system messages, immutability (through _bulk_docs). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aMessage } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { couch, createAdaTicket, createDbWorld, expectRefused, push, pushOk, type DbWorld } from './db-test-helpers';

let world: DbWorld;
beforeEach(async () => {
  world = await createDbWorld();
});
afterEach(async () => world.app.close());

/** Sam changes the ticket (agents may); returns the new revision. */
async function agentSets(ticket: TicketDoc, rev: string, changes: Partial<TicketDoc>): Promise<string> {
  return pushOk(world.sam, 'tickets', couch({ ...ticket, ...changes }, rev));
}

describe('messages', () => {
  it('lets a customer reply publicly on their own ticket, and a first message needs 10 characters', async () => {
    const { ticket } = await createAdaTicket(world);
    await pushOk(world.ada, 'messages', couch(aMessage(ticket, world.ada.user, { id: newId() })));
    const first = aMessage(ticket, world.ada.user, { id: ticket.id, body: 'Too short' });
    const [short] = await push(world.ada, 'messages', [couch(first)]);
    expectRefused(short, 'forbidden', 'at least 10');
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
    const { ticket } = await createAdaTicket(world);
    const message = aMessage(ticket, world.ada.user, { id: newId(), ...overrides() });
    const [row] = await push(world.ada, 'messages', [couch(message)]);
    expectRefused(row, 'forbidden', reason);
    await expect(world.app.storage.messages.get(message.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a customer reply on a closed ticket', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    await agentSets(ticket, rev, { status: 'closed', statusChangedAt: 2_000 });
    const [row] = await push(world.ada, 'messages', [couch(aMessage(ticket, world.ada.user, { id: newId() }))]);
    expectRefused(row, 'forbidden', 'closed');
  });

  it('lets an agent write public replies and internal notes, but not system messages or as another agent', async () => {
    const { ticket } = await createAdaTicket(world);
    const mine = { authorRole: 'agent' as const };
    await pushOk(world.sam, 'messages', couch(aMessage(ticket, world.sam.user, { id: newId(), ...mine, channel: 'email' })));
    await pushOk(world.sam, 'messages', couch(aMessage(ticket, world.sam.user, { id: newId(), visibility: 'internal' })));
    const [system] = await push(world.sam, 'messages', [couch(aMessage(ticket, world.sam.user, { id: newId(), authorRole: 'system' }))]);
    expectRefused(system, 'forbidden', 'server');
    const [other] = await push(world.sam, 'messages', [couch(aMessage(ticket, world.sam.user, { id: newId(), authorId: 'user-other' }))]);
    expectRefused(other, 'forbidden', 'themselves');
  });

  it('treats messages as immutable: a re-send is ok and stores nothing new, an edit is refused', async () => {
    const { ticket } = await createAdaTicket(world);
    const message = aMessage(ticket, world.ada.user, { id: newId() });
    const rev = await pushOk(world.ada, 'messages', couch(message));
    expect(await pushOk(world.ada, 'messages', couch(message, rev))).toBe(rev);
    const [edit] = await push(world.ada, 'messages', [couch({ ...message, body: 'Edited' }, rev)]);
    expectRefused(edit, 'forbidden', 'edited');
  });
});
