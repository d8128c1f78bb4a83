/** Who writes a rating, through _bulk_docs: the ticket's customer, on the resolved ticket; the server stamps when; agents keep it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc, TicketRating } from '../../app/model/ticket.schema';
import { couch, createAdaTicket, createDbWorld, expectRefused, push, pushOk, storedTicket, type DbWorld } from './db-test-helpers';

let world: DbWorld;
beforeEach(async () => {
  world = await createDbWorld();
});
afterEach(async () => world.app.close());

const bad: TicketRating = { value: 'bad', comment: 'It came back the next day.', ratedAt: 1 };

/** Ada's ticket, resolved by Sam; the stored ticket and its revision. */
async function resolvedTicket(): Promise<{ ticket: TicketDoc; rev: string }> {
  const { ticket, rev } = await createAdaTicket(world);
  const resolvedRev = await pushOk(world.sam, 'tickets', couch({ ...ticket, status: 'resolved', statusChangedAt: 2_000 }, rev));
  return { ticket: await storedTicket(world, ticket.id), rev: resolvedRev };
}

describe('rating a ticket', () => {
  it('lets the customer rate their own resolved ticket, stamped with the server’s time, and change it', async () => {
    const { ticket, rev } = await resolvedTicket();
    const before = Date.now();
    const ratedRev = await pushOk(world.ada, 'tickets', couch({ ...ticket, rating: bad }, rev));
    const rated = await storedTicket(world, ticket.id);
    expect(rated.rating).toMatchObject({ value: 'bad', comment: bad.comment });
    expect(rated.rating!.ratedAt).toBeGreaterThanOrEqual(before);
    await pushOk(world.ada, 'tickets', couch({ ...rated, rating: { value: 'good', comment: '', ratedAt: 2 } }, ratedRev));
    expect((await storedTicket(world, ticket.id)).rating).toMatchObject({ value: 'good', comment: '' });
  });

  it('keeps the stored stamp when the same rating is sent again with the device’s time', async () => {
    const { ticket, rev } = await resolvedTicket();
    const ratedRev = await pushOk(world.ada, 'tickets', couch({ ...ticket, rating: bad }, rev));
    const rated = await storedTicket(world, ticket.id);
    const again = await pushOk(world.ada, 'tickets', couch({ ...rated, rating: { ...bad, ratedAt: 3 } }, ratedRev));
    expect(again).toBe(ratedRev);
    expect(await storedTicket(world, ticket.id)).toEqual(rated);
  });

  it('refuses another customer’s rating, and a rating of an open ticket, storing nothing', async () => {
    const { ticket, rev } = await resolvedTicket();
    const [other] = await push(world.grace, 'tickets', [couch({ ...ticket, rating: bad }, rev)]);
    expect(other).toMatchObject({ error: 'forbidden' });
    const open = await createAdaTicket(world);
    const [row] = await push(world.ada, 'tickets', [couch({ ...open.ticket, rating: bad }, open.rev)]);
    expectRefused(row, 'forbidden', 'only a resolved ticket can be rated');
    expect((await storedTicket(world, ticket.id)).rating).toBeUndefined();
    expect((await storedTicket(world, open.ticket.id)).rating).toBeUndefined();
  });

  it('refuses a comment past the limit, and a new ticket that comes rated', async () => {
    const { ticket, rev } = await resolvedTicket();
    const [long] = await push(world.ada, 'tickets', [couch({ ...ticket, rating: { ...bad, comment: 'x'.repeat(1_001) } }, rev)]);
    expectRefused(long, 'forbidden', 'at most 1,000 characters');
    const [created] = await push(world.ada, 'tickets', [couch(aTicket(world.ada.user, { id: newId(), rating: bad }))]);
    expectRefused(created, 'forbidden', 'not rated yet');
  });

  it('refuses an agent’s rating', async () => {
    const { ticket, rev } = await resolvedTicket();
    const [row] = await push(world.sam, 'tickets', [couch({ ...ticket, rating: bad }, rev)]);
    expectRefused(row, 'forbidden', 'rating is changed by a customer');
    expect((await storedTicket(world, ticket.id)).rating).toBeUndefined();
  });

  it('keeps the rating through an agent’s writes, with it or without it, and through a reopen', async () => {
    const { ticket, rev } = await resolvedTicket();
    let current = await pushOk(world.ada, 'tickets', couch({ ...ticket, rating: bad }, rev));
    const rated = await storedTicket(world, ticket.id);
    current = await pushOk(world.sam, 'tickets', couch({ ...rated, priority: 'high' }, current));
    const { rating: _left, ...withoutRating } = rated;
    await pushOk(world.sam, 'tickets', couch({ ...withoutRating, priority: 'high', status: 'open', statusChangedAt: 5_000 }, current));
    expect(await storedTicket(world, ticket.id)).toMatchObject({ status: 'open', priority: 'high', rating: rated.rating });
    const reopened = await storedTicket(world, ticket.id);
    const [late] = await push(world.ada, 'tickets', [couch({ ...reopened, rating: { ...bad, value: 'good' } }, (await world.app.storage.tickets.get(ticket.id))._rev)]);
    expectRefused(late, 'forbidden', 'only a resolved ticket can be rated');
  });
});
