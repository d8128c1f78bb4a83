/** Work per request is bounded: `_all_docs` keys, `_bulk_docs` documents and `_changes` rows; past a bound a JSON 4xx, nothing stored. */
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../app/model/constants';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { BODY_LIMIT_BYTES } from '../middleware/json-body';
import { couch, createAdaTicket, createDbWorld, pull, type DbWorld, type Person } from './db-test-helpers';
import { MAX_ALL_DOCS_KEYS, MAX_BULK_DOCS, MAX_CHANGES_LIMIT } from './db-query';

let world: DbWorld;
afterEach(async () => {
  await world.app.close();
});

const newTickets = (person: Person, count: number) =>
  Array.from({ length: count }, () => couch(aTicket(person.user, { id: newId() })));

/** The longest message the rules accept, as RxDB's push sends it: every character four bytes in UTF-8. */
function longestMessage(world: DbWorld, ticketId: string): Record<string, unknown> {
  const ticket = aTicket(world.ada.user, { id: ticketId });
  return { ...couch(aMessage(ticket, world.ada.user, { id: newId(), body: '😀'.repeat(LIMITS.messageMax), createdAt: Date.now() })), _deleted: false };
}

function expectTooMany(res: { status: number; body: unknown }, max: number): void {
  expect(res.status).toBe(413);
  expect(res.body).toEqual({ error: 'payload_too_large', reason: expect.stringContaining(`At most ${max} `) });
}

describe('_bulk_docs', () => {
  it(`refuses more than ${MAX_BULK_DOCS} documents whole with a JSON 413, storing none of them`, async () => {
    world = await createDbWorld();
    const res = await world.ada.http.post('/db/tickets/_bulk_docs').send({ docs: newTickets(world.ada, MAX_BULK_DOCS + 1) });
    expectTooMany(res, MAX_BULK_DOCS);
    expect(await world.app.storage.tickets.docCount()).toBe(0);
  });

  it(`takes ${MAX_BULK_DOCS} documents in one request, answering each`, async () => {
    world = await createDbWorld();
    // Shapeless documents, refused row by row: the bound is the request's, whatever its rows' fate.
    const docs = Array.from({ length: MAX_BULK_DOCS }, () => ({ _id: newId() }));
    const res = await world.sam.http.post('/db/tickets/_bulk_docs').send({ docs });
    expect(res.status).toBe(201);
    expect((res.body as Array<{ error?: string }>).filter((row) => row.error === 'bad_request')).toHaveLength(MAX_BULK_DOCS);
  });

  it('takes the app’s push batch of the longest messages, and RxDB’s default batch fits the body limit', async () => {
    world = await createDbWorld();
    const { ticket } = await createAdaTicket(world);
    const batch = (count: number) => ({ docs: Array.from({ length: count }, () => longestMessage(world, ticket.id)) });
    expect(Buffer.byteLength(JSON.stringify(batch(100)))).toBeLessThan(BODY_LIMIT_BYTES);
    const res = await world.ada.http.post('/db/messages/_bulk_docs').send(batch(50));
    expect(res.status).toBe(201);
    expect((res.body as Array<{ ok?: boolean }>).every((row) => row.ok)).toBe(true);
    // At the document bound, such messages pass the body limit: the byte bound answers first, with its own 413.
    expect(Buffer.byteLength(JSON.stringify(batch(MAX_BULK_DOCS)))).toBeGreaterThan(BODY_LIMIT_BYTES);
  });
});

describe('_all_docs', () => {
  const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i}`);

  it(`refuses more than ${MAX_ALL_DOCS_KEYS} keys with a JSON 413, by POST and by GET`, async () => {
    world = await createDbWorld();
    expectTooMany(await world.ada.http.post('/db/tickets/_all_docs').send({ keys: keys(MAX_ALL_DOCS_KEYS + 1), include_docs: true }), MAX_ALL_DOCS_KEYS);
    // One-character keys (repeats are allowed) keep the query under Node's 16 KB.
    const short = Array.from({ length: MAX_ALL_DOCS_KEYS + 1 }, (_, i) => String(i % 10));
    const query = `include_docs=true&keys=${encodeURIComponent(JSON.stringify(short))}`;
    expectTooMany(await world.sam.http.get(`/db/messages/_all_docs?${query}`), MAX_ALL_DOCS_KEYS);
  });

  it(`answers ${MAX_ALL_DOCS_KEYS} keys with a row each`, async () => {
    world = await createDbWorld();
    const res = await world.ada.http.post('/db/tickets/_all_docs').send({ keys: keys(MAX_ALL_DOCS_KEYS), include_docs: true });
    expect(res.status).toBe(200);
    expect((res.body as { rows: unknown[] }).rows).toHaveLength(MAX_ALL_DOCS_KEYS);
  });
});

describe('_changes', () => {
  it(`answers at most ${MAX_CHANGES_LIMIT} rows whatever limit asks, and continues from last_seq`, async () => {
    world = await createDbWorld();
    await world.app.storage.tickets.bulkDocs(newTickets(world.ada, MAX_CHANGES_LIMIT + 5));
    // The agent's feed is the database's own, so its pages are full ones (a customer's follow the index's progress).
    const first = await pull(world.sam, 'tickets', 0, '', 1_000_000);
    expect(first.results).toHaveLength(MAX_CHANGES_LIMIT);
    expect((await pull(world.sam, 'tickets', first.last_seq, '', 1_000_000)).results).toHaveLength(5);
  });
});
