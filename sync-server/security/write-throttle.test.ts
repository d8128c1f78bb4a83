/** Write throttling: documents per user per window; past it 429 with Retry-After and nothing of the batch stored. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { couch, createDbWorld, type DbWorld, type Person } from '../routes/db-test-helpers';
import { signedInAgent } from '../test-support/test-app';

let world: DbWorld;
afterEach(async () => {
  await world.app.close();
});

const tickets = (person: Person, count: number) => Array.from({ length: count }, () => couch(aTicket(person.user, { id: newId() })));
const pushAs = (person: Person, docs: object[]) => person.http.post('/db/tickets/_bulk_docs').send({ docs });

describe('write throttling', () => {
  it('refuses a batch once the user’s documents reach the limit: 429, Retry-After, JSON, nothing stored', async () => {
    world = await createDbWorld(300, { writeLimitPerUser: 10, writeWindowMs: 60_000 });
    expect((await pushAs(world.ada, tickets(world.ada, 9))).status).toBe(201);
    // Begun under the limit, a batch goes through whole, past it.
    expect((await pushAs(world.ada, tickets(world.ada, 5))).status).toBe(201);
    const before = await world.app.storage.tickets.docCount();
    const refused = await pushAs(world.ada, tickets(world.ada, 1));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'too_many_requests', reason: expect.stringContaining('Retry-After') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await world.app.storage.tickets.docCount()).toBe(before);
  });

  it('counts per user: another session of the user is refused, another customer and the agent are not', async () => {
    world = await createDbWorld(300, { writeLimitPerUser: 3, writeWindowMs: 60_000 });
    expect((await pushAs(world.ada, tickets(world.ada, 3))).status).toBe(201);
    const adaElsewhere = await signedInAgent(world.app.app, 'ada@example.com');
    expect((await adaElsewhere.post('/db/tickets/_bulk_docs').send({ docs: tickets(world.ada, 1) })).status).toBe(429);
    expect((await pushAs(world.grace, tickets(world.grace, 3))).status).toBe(201);
    expect((await pushAs(world.sam, tickets(world.ada, 3))).status).toBe(201);
    expect((await pushAs(world.sam, tickets(world.ada, 1))).status).toBe(429);
  });

  it('lets a batch larger than the limit through in a fresh window, and the user writes again once it has passed', async () => {
    // The window is real time (with Redis it is the key's expiry), so it is long enough that the first batch cannot
    // outlast it on a loaded machine: at 1 s, storing 20 tickets over CouchDB at load 7 once did.
    world = await createDbWorld(300, { writeLimitPerUser: 2, writeWindowMs: 5_000 });
    expect((await pushAs(world.ada, tickets(world.ada, 20))).status).toBe(201);
    expect((await pushAs(world.ada, tickets(world.ada, 1))).status).toBe(429);
    const later = tickets(world.ada, 1);
    await vi.waitFor(async () => expect((await pushAs(world.ada, later)).status).toBe(201), { timeout: 15_000, interval: 250 });
    expect(await world.app.storage.tickets.docCount()).toBe(21);
  });

  it('never counts a request refused for its shape: a bad body is no write', async () => {
    world = await createDbWorld(300, { writeLimitPerUser: 1, writeWindowMs: 60_000 });
    for (let i = 0; i < 5; i++) expect((await world.ada.http.post('/db/tickets/_bulk_docs').send({ docs: 'none' })).status).toBe(400);
    expect((await pushAs(world.ada, tickets(world.ada, 1))).status).toBe(201);
  });
});
