// A one-server cluster (COUCHDB_URL + REDIS_URL) over databases of its own, seeded with the crowd seed straight into CouchDB, its Redis index caught up before anything is timed.
import type { BenchContext } from '../bench-types';
import { startCluster, type Cluster } from '../../sync-server/cluster/cluster-servers';
import { openStorage } from '../../sync-server/services/storage';
import type { ClusterBackend } from './cluster-backend';
import { signInClient, type CouchClient } from './couch-client';
import { crowdDocCount, crowdSeed, OWN_DOCS } from './crowd-seed';
import { ourFirstSync } from './device-sync';
import { BENCH_PASSWORD, seedStorage } from './harbor-server';
import { benchCustomer } from './seed-data';

/** Seeding and indexing 200,000 documents on a real 3-node cluster over 2 busy cores takes minutes, not this. */
const INDEX_DEADLINE_MS = 40 * 60_000;

/** A one-server cluster over its own databases, seeded with customer 0 among `others`, its index caught up. */
export async function seededCluster(backend: ClusterBackend, others: number, ctx: BenchContext): Promise<{ cluster: Cluster; client: CouchClient }> {
  const t0 = performance.now();
  const cluster = await startCluster(1, backend.couchdbUrl, backend.redisUrl);
  try {
    const storage = await openStorage({ kind: 'couchdb', url: backend.couchdbUrl, prefix: cluster.prefix });
    await seedStorage(storage, crowdSeed(others));
    await storage.close();
    const seeded = performance.now();
    const baseUrl = `http://127.0.0.1:${cluster.servers[0]!.port}`;
    const client = await signInClient(baseUrl, benchCustomer(0).email, BENCH_PASSWORD);
    // The last customer written shows the index has reached the end of both feeds, not only customer 0's last slice.
    const last = others > 0 ? await signInClient(baseUrl, benchCustomer(others).email, BENCH_PASSWORD) : client;
    await waitIndexed([client, last], [OWN_DOCS, others > 0 ? 200 : OWN_DOCS], ctx);
    const s = (ms: number) => (ms / 1000).toFixed(0);
    ctx.log(`cluster ${cluster.prefix}: ${crowdDocCount(others).toLocaleString('en')} docs of ${others + 1} customers seeded in ${s(seeded - t0)} s, indexed ${s(performance.now() - seeded)} s later`);
    return { cluster, client };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Untimed: pulls as each client until each gets its `expected` documents (the Redis index is built as CouchDB takes the seed). */
async function waitIndexed(clients: CouchClient[], expected: number[], ctx: BenchContext): Promise<void> {
  const deadline = Date.now() + INDEX_DEADLINE_MS;
  for (;;) {
    const got = [];
    for (const client of clients) got.push((await ourFirstSync(client)).docs);
    if (got.every((n, i) => n === expected[i])) return;
    if (Date.now() > deadline) throw new Error(`index not caught up after ${INDEX_DEADLINE_MS / 60_000} min: pulled ${got.join(', ')} of ${expected.join(', ')}`);
    ctx.log(`waiting for the index: pulled ${got.join(', ')} of ${expected.join(', ')}`);
    await new Promise((ok) => setTimeout(ok, 5_000));
  }
}
