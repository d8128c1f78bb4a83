/**
 * Three sync-server processes over one CouchDB and one Redis behind a round-robin balancer (no stickiness):
 * a session made on one server works on the others, a write on one wakes a longpoll held by another, tickets
 * created at once get distinct numbers, failed sign-ins add up across servers, and Redis restarted empty costs a
 * device a fresh pull, never a document.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { SessionUser } from '../../app/model/user';
import { couch } from '../routes/db-test-helpers';
import { startRedis, type RedisProcess } from '../test-support/redis-process';
import { createAccount } from '../services/accounts';
import { openStorage } from '../services/storage';
import { CLUSTER_ORIGIN, startCluster, type Cluster } from './cluster-servers';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

let redis: RedisProcess;
let cluster: Cluster;
let balancer: RoundRobinProxy;

beforeAll(async () => {
  // A Redis of its own: this suite restarts it.
  redis = await startRedis();
  cluster = await startCluster(3, inject('couchdbUrl'), redis.url);
  balancer = await startRoundRobinProxy(cluster.servers.map((server) => server.port));
}, 120_000);
afterAll(async () => {
  await balancer?.close();
  await cluster?.stop();
  await redis?.stop();
});

const serverUrl = (i: number): string => `http://127.0.0.1:${cluster.servers[i]!.port}`;

interface Signed {
  user: SessionUser;
  cookie: string;
}

async function call(base: string, path: string, cookie: string, init: RequestInit = {}): Promise<Response> {
  return fetch(base + path, {
    ...init,
    headers: { 'content-type': 'application/json', origin: CLUSTER_ORIGIN, cookie, ...(init.headers as Record<string, string>) },
  });
}

/** Stores a customer straight into the cluster's CouchDB and signs in through the balancer. */
async function customer(name: string): Promise<Signed> {
  const email = `${name.toLowerCase()}-${newId().slice(-6)}@example.com`;
  const password = 'correct-horse-battery';
  const storage = await openStorage({ kind: 'couchdb', url: inject('couchdbUrl'), prefix: cluster.prefix });
  await createAccount(storage, { role: 'customer', name, email, password });
  await storage.close();
  const signIn = await call(balancer.url, '/api/session', '', { method: 'POST', body: JSON.stringify({ email, password }) });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  return { user: ((await signIn.json()) as { user: SessionUser }).user, cookie };
}

async function push(base: string, who: Signed, doc: object): Promise<Record<string, unknown>> {
  const res = await call(base, '/db/tickets/_bulk_docs', who.cookie, { method: 'POST', body: JSON.stringify({ docs: [doc] }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as Record<string, unknown>[])[0]!;
}

async function pull(base: string, who: Signed, since: string | number, feed = 'normal'): Promise<{ results: { id: string; doc?: { number?: number } }[]; last_seq: string | number }> {
  const res = await call(base, `/db/tickets/_changes?feed=${feed}&include_docs=true&since=${since}&limit=1000`, who.cookie);
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

describe('three servers behind a balancer', () => {
  it('reports each server healthy, reaching CouchDB and Redis', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${serverUrl(i)}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', storage: 'couchdb', redis: 'ok' });
    }
  });

  it('keeps a session made on one server on every other, with no sticky sessions', async () => {
    const ada = await customer('Ada');
    const before = balancer.counts();
    const ticket = couch(aTicket(ada.user, { id: newId() }));
    expect(await push(balancer.url, ada, ticket)).toMatchObject({ ok: true });
    // Read-your-writes through the balancer: the pull lands on another server than the push.
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) for (const row of (await pull(balancer.url, ada, 0)).results) seen.add(row.id);
    expect([...seen]).toEqual([ticket._id]);
    const after = balancer.counts();
    expect(after.every((count, i) => count > before[i]!)).toBe(true);
  });

  it('wakes a longpoll held on one server for a write made through another', async () => {
    const grace = await customer('Grace');
    const start = await pull(serverUrl(1), grace, 'now');
    const waiting = pull(serverUrl(1), grace, start.last_seq, 'longpoll');
    // The longpoll is held: a write through server 0 must reach it through Redis.
    const ticket = couch(aTicket(grace.user, { id: newId() }));
    await push(serverUrl(0), grace, ticket);
    expect((await waiting).results.map((row) => row.id)).toEqual([ticket._id]);
  });

  it('gives 50 tickets created at once through the balancer 50 distinct numbers', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => customer(`Customer${i}`)));
    const tickets = Array.from({ length: 50 }, (_, i) => ({ who: people[i % 10]!, doc: couch(aTicket(people[i % 10]!.user, { id: newId() })) }));
    const answers = await Promise.all(tickets.map(({ who, doc }) => push(balancer.url, who, doc)));
    expect(answers.every((answer) => answer.ok === true)).toBe(true);
    const numbers: number[] = [];
    for (const person of people) for (const row of (await pull(balancer.url, person, 0)).results) numbers.push(row.doc!.number!);
    expect(numbers).toHaveLength(50);
    expect(new Set(numbers).size).toBe(50);
  });

  it('counts failed sign-ins across every server', async () => {
    const grace = await customer('Throttled');
    const attempt = () =>
      call(balancer.url, '/api/session', '', { method: 'POST', body: JSON.stringify({ email: grace.user.email, password: 'wrong-password-123' }) });
    // Ten failures (the per-account limit) spread over three servers, then the eleventh is refused wherever it lands.
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(429);
  });

  it('after Redis restarts empty, a device pulls its own documents again and nothing is lost or leaked', async () => {
    const alan = await customer('Alan');
    const other = await customer('Other');
    const mine = couch(aTicket(alan.user, { id: newId() }));
    await push(balancer.url, alan, mine);
    await push(balancer.url, other, couch(aTicket(other.user, { id: newId() })));
    const token = (await pull(balancer.url, alan, 0)).last_seq;
    await redis.restartEmpty();
    const again = await pull(balancer.url, alan, token);
    expect(again.results.map((row) => row.id)).toEqual([mine._id]);
    const later = couch(aTicket(alan.user, { id: newId() }));
    await push(balancer.url, alan, later);
    const next = await pull(balancer.url, alan, again.last_seq);
    expect(next.results.map((row) => row.id)).toEqual([later._id]);
  });
});
