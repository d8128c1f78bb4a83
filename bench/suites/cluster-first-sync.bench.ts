// A customer's first sync in cluster mode (a sync server over CouchDB + Redis): a one-customer against a 1,000-customer database, and against CouchDB's own `_changes?filter=_selector`.
import type { BenchContext, BenchResult } from '../bench-types';
import { startCluster, type Cluster } from '../../sync-server/cluster/cluster-servers';
import { openStorage } from '../../sync-server/services/storage';
import { couchJson, startClusterBackend, type ClusterBackend } from '../support/cluster-backend';
import { signInClient, type CouchClient } from '../support/couch-client';
import { crowdDocCount, crowdSeed, OWN_MESSAGES, OWN_TICKETS } from '../support/crowd-seed';
import { ourFirstSync } from '../support/device-sync';
import { BENCH_PASSWORD, seedStorage } from '../support/harbor-server';
import { medianResult, missingResult, ratioResult } from '../support/result';
import { benchCustomer } from '../support/seed-data';
import { median, round } from '../support/stats';

const GROUP = 'First sync (customer, cluster)';
const OWN = OWN_TICKETS + OWN_MESSAGES;
/** Seeding and indexing 200,000 documents on a real 3-node cluster over 2 busy cores takes minutes, not this. */
const INDEX_DEADLINE_MS = 40 * 60_000;

/** A one-server cluster over its own databases, seeded with customer 0 among `others`, its index caught up. */
async function seededCluster(backend: ClusterBackend, others: number, ctx: BenchContext): Promise<{ cluster: Cluster; client: CouchClient }> {
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
    await waitIndexed([client, last], [OWN, others > 0 ? 200 : OWN], ctx);
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

/** CouchDB's own per-customer feed from the start: one `POST _changes?filter=_selector` with include_docs; returns the rows. */
async function selectorFeed(couchdbUrl: string, database: string, customerId: string): Promise<number> {
  const path = `/${database}/_changes?filter=_selector&include_docs=true&since=0`;
  return (await couchJson<{ results: unknown[] }>(couchdbUrl, path, { selector: { customerId } })).results.length;
}

/** Times `fn`, which must come back with `expected` documents. */
async function timed(what: string, expected: number, fn: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const got = await fn();
  const ms = performance.now() - start;
  if (got !== expected) throw new Error(`${what} gave ${got} documents, not ${expected}`);
  return ms;
}

/** Runs the cluster-mode first-sync measurements. */
export default async function clusterFirstSync(ctx: BenchContext): Promise<BenchResult[]> {
  const runs = ctx.quick ? 3 : 5;
  const others = ctx.quick ? 99 : 999;
  const cleanups: Array<() => Promise<void>> = [];
  const aloneMs: number[] = [];
  const crowdMs: number[] = [];
  const selector = { both: [] as number[], tickets: [] as number[], messages: [] as number[] };
  let backend: ClusterBackend;
  try {
    backend = await startClusterBackend();
    cleanups.push(() => backend.stop());
    ctx.log(`backend: ${backend.description}`);
    // Both databases are up at once and measured in turns, so drift in the machine's load hits them alike.
    const alone = await seededCluster(backend, 0, ctx);
    cleanups.push(() => alone.cluster.stop());
    const crowd = await seededCluster(backend, others, ctx);
    cleanups.push(() => crowd.cluster.stop());
    for (let run = 0; run < runs; run++) {
      aloneMs.push(await timed('ours, one-customer database', OWN, async () => (await ourFirstSync(alone.client)).docs));
      crowdMs.push(await timed('ours, crowd database', OWN, async () => (await ourFirstSync(crowd.client)).docs));
      if (!backend.realCouch) continue;
      // Both collections at once, as the device pulls them; no device-side store (ours includes one).
      const start = performance.now();
      const [tickets, messages] = await Promise.all(
        (['tickets', 'messages'] as const).map((c) =>
          timed(`_selector on ${c}`, c === 'tickets' ? OWN_TICKETS : OWN_MESSAGES, () => selectorFeed(backend.couchdbUrl, crowd.cluster.prefix + c, benchCustomer(0).id)),
        ),
      );
      selector.both.push(performance.now() - start);
      selector.tickets.push(tickets!);
      selector.messages.push(messages!);
      ctx.log(`run ${run + 1}/${runs}: ours ${round(aloneMs.at(-1)!)} / ${round(crowdMs.at(-1)!)} ms, _selector ${round(selector.both.at(-1)!)} ms`);
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }

  const note = `backend: ${backend.description}; one sync server (COUCHDB_URL + REDIS_URL), pull of limit=100 pages with include_docs into a memory PouchDB`;
  const crowdLabel = `database of ${others + 1} customers (${crowdDocCount(others).toLocaleString('en')} docs)`;
  const selectorGoal = '≥ 10× faster at 1,000 customers';
  const crowdRatio = median(crowdMs) / median(aloneMs);
  const results: BenchResult[] = [
    medianResult('cluster.sync.customer.alone', GROUP, 'ours: 50 tickets + 500 messages, database holds only them', aloneMs, 'ms', { note }),
    medianResult('cluster.sync.customer.crowd', GROUP, `ours: same customer, ${crowdLabel}`, crowdMs, 'ms', { note }),
    ratioResult('cluster.sync.customer.crowd-vs-alone', GROUP, `ours: ${others + 1}-customer ÷ one-customer database`, crowdMs, aloneMs, {
      goal: 'within 1.2×',
      meetsGoal: crowdRatio <= 1.2,
      note,
    }),
  ];
  if (!backend.realCouch) {
    const why = `${backend.description}: pouchdb-server reads filter=_selector as the design document _design/_selector (404 missing) and then exits on the changes feed's unhandled error; set HARBOR_BENCH_COUCHDB_URL to a CouchDB 3 to measure it`;
    results.push(
      missingResult('cluster.sync.customer.selector', GROUP, `CouchDB POST _changes?filter=_selector, since=0, tickets + messages, ${crowdLabel}`, 'ms', why),
      missingResult('cluster.sync.customer.selector-vs-ours', GROUP, `CouchDB _selector ÷ ours (${others + 1}-customer database)`, '×', why, selectorGoal),
    );
    return results;
  }
  const selectorRatio = median(selector.both) / median(crowdMs);
  const atFullSize = others === 999;
  results.push(
    medianResult('cluster.sync.customer.selector', GROUP, `CouchDB POST _changes?filter=_selector, since=0, tickets + messages, ${crowdLabel}`, selector.both, 'ms', {
      note: `backend: ${backend.description}; both collections at once with include_docs, nothing stored (ours stores into a memory PouchDB); tickets alone median ${round(median(selector.tickets))} ms, messages ${round(median(selector.messages))} ms`,
    }),
    ratioResult('cluster.sync.customer.selector-vs-ours', GROUP, `CouchDB _selector ÷ ours (${others + 1}-customer database)`, selector.both, crowdMs, {
      goal: selectorGoal,
      ...(atFullSize && { meetsGoal: selectorRatio >= 10 }),
      note: atFullSize ? `backend: ${backend.description}` : `backend: ${backend.description}; the goal is read at 1,000 customers, this --quick run has ${others + 1}`,
    }),
  );
  return results;
}
