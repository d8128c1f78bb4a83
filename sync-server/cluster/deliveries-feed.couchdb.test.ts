/**
 * Email delivery states on several servers over one CouchDB: a state another server writes (its outbound mail)
 * answers an agent's longpoll held by this one at once, and customers get a 404 from every server.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDelivery } from '../../app/model/delivery-fixtures';
import { newId } from '../../app/model/ids';
import { createAccount } from '../services/accounts';
import { openStorage, type Storage } from '../services/storage';
import { startRedis, type RedisProcess } from '../test-support/redis-process';
import { CLUSTER_ORIGIN, startCluster, type Cluster } from './cluster-servers';

let redis: RedisProcess;
let cluster: Cluster;
let storage: Storage;

beforeAll(async () => {
  redis = await startRedis();
  cluster = await startCluster(2, inject('couchdbUrl'), redis.url);
  storage = await openStorage({ kind: 'couchdb', url: inject('couchdbUrl'), prefix: cluster.prefix });
}, 120_000);
afterAll(async () => {
  await storage?.close();
  await cluster?.stop();
  await redis?.stop();
});

const serverUrl = (i: number): string => `http://127.0.0.1:${cluster.servers[i]!.port}`;

async function signIn(role: 'agent' | 'customer', server: number): Promise<string> {
  const email = `${role}-${newId().slice(-6)}@example.com`;
  const password = 'correct-horse-battery';
  await createAccount(storage, { role, name: role, email, password });
  const res = await fetch(`${serverUrl(server)}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: CLUSTER_ORIGIN },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const get = (server: number, path: string, cookie: string) => fetch(serverUrl(server) + path, { headers: { cookie } });

describe('delivery states across servers', () => {
  it("wakes an agent's longpoll on one server with a state written elsewhere; customers get 404 everywhere", async () => {
    const agent = await signIn('agent', 1);
    const first = (await (await get(1, '/db/deliveries/_changes?feed=normal&since=0', agent)).json()) as { last_seq: string };
    const started = Date.now();
    const longpoll = get(1, `/db/deliveries/_changes?feed=longpoll&include_docs=true&since=${encodeURIComponent(first.last_seq)}`, agent);
    // Written straight into CouchDB, as another server's outbound mail does (no server here is told of it).
    const id = newId();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the longpoll is on its way (an earlier write would answer it too)
    await storage.deliveries.put({ _id: id, ...aDelivery({ id, ticketId: newId() }, { state: 'sent', attempts: 1 }) });
    const body = (await (await longpoll).json()) as { results: Array<{ id: string; doc: { state: string } }> };
    expect(body.results.map((row) => [row.id, row.doc.state])).toEqual([[id, 'sent']]);
    expect(Date.now() - started).toBeLessThan(20_000);

    const customer = await signIn('customer', 0);
    for (const server of [0, 1]) {
      expect((await get(server, '/db/deliveries/_changes?feed=normal&since=0', customer)).status).toBe(404);
    }
  });
});
