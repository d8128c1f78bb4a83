/**
 * `/db/deliveries/`: email delivery states reach agents through `_changes` (live too) and `_all_docs`, never
 * customers (404 on every path, as for a database that does not exist), and nobody writes them but the server.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aDelivery } from '../../app/model/delivery-fixtures';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { feedHubFor } from '../services/feed-hub';
import { couch, createDbWorld, type DbWorld, type Person } from './db-test-helpers';

let world: DbWorld | undefined;
afterEach(async () => {
  await world?.app.close();
  world = undefined;
});

const PULL = '/db/deliveries/_changes?style=all_docs&feed=normal&include_docs=true&since=0&heartbeat=60000&limit=100&seq_interval=100';

/** Writes a delivery straight into storage, as the server's outbound mail does; returns it in CouchDB form. */
async function storeDelivery(w: DbWorld, overrides: Parameters<typeof aDelivery>[1] = {}) {
  const message = aMessage(aTicket(w.ada.user, { id: newId() }), w.sam.user, { id: newId() });
  const doc = couch(aDelivery(message, overrides));
  const { rev } = await w.app.storage.deliveries.put({ ...doc, _id: message.id });
  return { id: message.id, rev, doc };
}

/** Every way a client could reach the database, as RxDB and curious clients call it. */
function everyPath(person: Person, id: string) {
  const keys = encodeURIComponent(JSON.stringify([id]));
  return [
    () => person.http.get(PULL),
    () => person.http.post(PULL).send({ selector: {} }),
    () => person.http.get('/db/deliveries/_changes?feed=longpoll&since=now'),
    () => person.http.get('/db/deliveries/_changes?feed=eventsource&since=0'),
    () => person.http.get(`/db/deliveries/_all_docs?include_docs=true&keys=${keys}`),
    () => person.http.post('/db/deliveries/_all_docs').send({ keys: [id], include_docs: true }),
    () => person.http.post('/db/deliveries/_bulk_docs').send({ docs: [{ _id: newId(), state: 'sent' }] }),
  ];
}

describe('/db/deliveries', () => {
  it('gives agents the delivery states through _changes and _all_docs (GET and POST)', async () => {
    world = await createDbWorld();
    const sent = await storeDelivery(world, { state: 'sent', attempts: 1 });
    const failed = await storeDelivery(world, { state: 'failed', reason: '550 5.1.1 mailbox unavailable', attempts: 3 });

    const pulled = await world.sam.http.get(PULL);
    expect(pulled.status).toBe(200);
    expect(pulled.body.results.map((row: { id: string }) => row.id).sort()).toEqual([sent.id, failed.id].sort());
    const failedRow = pulled.body.results.find((row: { id: string }) => row.id === failed.id);
    expect(failedRow.doc).toMatchObject({ _id: failed.id, state: 'failed', reason: '550 5.1.1 mailbox unavailable', attempts: 3 });

    const keys = encodeURIComponent(JSON.stringify([sent.id]));
    const byGet = await world.sam.http.get(`/db/deliveries/_all_docs?include_docs=true&keys=${keys}`);
    expect(byGet.body.rows).toEqual([{ id: sent.id, key: sent.id, value: { rev: sent.rev }, doc: expect.objectContaining({ state: 'sent' }) }]);
    const byPost = await world.sam.http.post('/db/deliveries/_all_docs').send({ keys: [failed.id, 'unknown'], include_docs: true });
    expect(byPost.body.rows).toEqual([
      { id: failed.id, key: failed.id, value: { rev: failed.rev }, doc: expect.objectContaining({ state: 'failed' }) },
      { key: 'unknown', error: 'not_found' },
    ]);
  });

  it("answers an agent's longpoll as soon as the server writes a state, and leaves no listener", async () => {
    world = await createDbWorld(20_000);
    const w = world;
    const since = (await w.sam.http.get(PULL)).body.last_seq;
    const started = Date.now();
    const answer = w.sam.http.get(`/db/deliveries/_changes?feed=longpoll&include_docs=true&since=${encodeURIComponent(since)}`).then((res) => res);
    const hub = feedHubFor(w.app.storage)!;
    await vi.waitFor(() => expect(hub.openCount()).toBe(1));
    const stored = await storeDelivery(w, { state: 'sent' });
    const res = await answer;
    expect(res.body.results).toEqual([expect.objectContaining({ id: stored.id, doc: expect.objectContaining({ state: 'sent' }) })]);
    expect(Date.now() - started).toBeLessThan(10_000);
    await vi.waitFor(() => {
      expect(hub.openCount()).toBe(0);
      expect(hub.indexListenerCount()).toBe(0);
    });
  });

  it('does not exist for customers, on every path: the 404 of a database that does not exist', async () => {
    world = await createDbWorld();
    const { id } = await storeDelivery(world, { state: 'sent' });
    const unknown = await world.ada.http.get('/db/nothing-here/_changes');
    expect(unknown.status).toBe(404);
    for (const customer of [world.ada, world.grace]) {
      for (const [i, call] of everyPath(customer, id).entries()) {
        const res = await call();
        expect(res.status, `path ${i}`).toBe(404);
        expect(res.body).toEqual(unknown.body);
        expect(res.text).not.toContain(id);
      }
    }
  });

  it('refuses writes from everyone, agents too (only the server writes it), and stores nothing', async () => {
    world = await createDbWorld();
    const { id, rev } = await storeDelivery(world, { state: 'failed', reason: '421 try later' });
    const forged = [{ _id: id, _rev: rev, state: 'sent', reason: null }, { _id: newId(), state: 'sent' }];
    const agentWrite = await world.sam.http.post('/db/deliveries/_bulk_docs').send({ docs: forged });
    expect(agentWrite.status).toBe(403);
    expect(agentWrite.body).toEqual({ error: 'forbidden', reason: expect.stringContaining('server') });
    const customerWrite = await world.ada.http.post('/db/deliveries/_bulk_docs').send({ docs: forged });
    expect(customerWrite.status).toBe(404);
    expect(await world.app.storage.deliveries.docCount()).toBe(1);
    expect(await world.app.storage.deliveries.get(id)).toMatchObject({ _rev: rev, state: 'failed' });
  });

  it('asks for a session first, like every /db path', async () => {
    world = await createDbWorld();
    const res = await world.app.agent().get(PULL);
    expect(res.status).toBe(401);
  });
});
