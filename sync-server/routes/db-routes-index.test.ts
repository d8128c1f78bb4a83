/**
 * The index keeps a customer's pulls independent of everyone else's data: the documents the server reads for a
 * fresh pull and for a catch-up are the same with 1 or 200 other customers writing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { scopedReadStats } from '../services/changes-reader';
import { couch, createDbWorld, pull, pushOk, type DbWorld } from './db-test-helpers';

let world: DbWorld;
afterEach(async () => world.app.close());

/** Stores `perCustomer` tickets for each of `customers` other customers, straight into the database. */
async function othersWrite(customers: number, perCustomer: number, round: string): Promise<void> {
  const docs = [];
  for (let c = 0; c < customers; c++) {
    for (let t = 0; t < perCustomer; t++) {
      docs.push(couch(aTicket({ id: `other-${c}`, name: `Other ${c}`, email: `o${c}@example.com`, role: 'customer' }, {
        id: `other-${c}-${round}-${t}`,
        number: 1_000 + t,
      })));
    }
  }
  await world.app.storage.tickets.bulkDocs(docs);
}

/** Ada's reads: a fresh pull of her 3 tickets, then a catch-up over her 1 new ticket after the others wrote. */
async function measure(otherCustomers: number): Promise<{ fresh: object; catchUp: object; seen: number }> {
  // A pull waits (up to the longpoll timeout) for the index to reach what is stored; 800 changes take a moment.
  world = await createDbWorld(10_000);
  const stats = scopedReadStats(world.app.storage);
  await othersWrite(otherCustomers, 400 / otherCustomers, 'before');
  for (let i = 0; i < 3; i++) await pushOk(world.ada, 'tickets', couch(aTicket(world.ada.user, { id: newId() })));
  Object.assign(stats, { entriesRead: 0, docsRead: 0 });
  const fresh = await pull(world.ada, 'tickets', 0);
  const freshReads = { ...stats };
  await othersWrite(otherCustomers, 400 / otherCustomers, 'after');
  await pushOk(world.ada, 'tickets', couch(aTicket(world.ada.user, { id: newId() })));
  Object.assign(stats, { entriesRead: 0, docsRead: 0 });
  const catchUp = await pull(world.ada, 'tickets', fresh.last_seq);
  const seen = fresh.results.length + catchUp.results.length;
  await world.app.close();
  return { fresh: freshReads, catchUp: { ...stats }, seen };
}

describe('scoped pulls and other customers’ data', () => {
  it('read the same documents with 1 or 200 other customers (800 of their tickets either way)', async () => {
    const few = await measure(1);
    const many = await measure(200);
    expect(few).toEqual({ fresh: { entriesRead: 3, docsRead: 3 }, catchUp: { entriesRead: 1, docsRead: 1 }, seen: 4 });
    expect(many).toEqual(few);
  });

  it('read nothing for a catch-up when only others wrote', async () => {
    world = await createDbWorld(10_000);
    await pushOk(world.ada, 'tickets', couch(aTicket(world.ada.user, { id: newId() })));
    const fresh = await pull(world.ada, 'tickets', 0);
    const stats = scopedReadStats(world.app.storage);
    Object.assign(stats, { entriesRead: 0, docsRead: 0 });
    await othersWrite(200, 1, 'only');
    const catchUp = await pull(world.ada, 'tickets', fresh.last_seq);
    expect(catchUp.results).toEqual([]);
    // The embedded index numbers every customer's changes in one sequence; the Redis index counts per customer.
    expect(catchUp.last_seq).toBe(world.app.storage.engine === 'embedded' ? Number(fresh.last_seq) + 200 : fresh.last_seq);
    expect(stats).toEqual({ entriesRead: 0, docsRead: 0 });
  });
});
