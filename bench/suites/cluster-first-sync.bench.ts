// A customer's first sync in cluster mode (a sync server over CouchDB + Redis): a one-customer against a 1,000-customer database, and against CouchDB's own `_changes?filter=_selector`.
import type { BenchContext, BenchResult } from '../bench-types';
import { couchJson, startClusterBackend, type ClusterBackend } from '../support/cluster-backend';
import { crowdDocCount, OWN_DOCS, OWN_MESSAGES, OWN_TICKETS } from '../support/crowd-seed';
import { ourFirstSync } from '../support/device-sync';
import { medianResult, missingResult, ratioResult } from '../support/result';
import { seededCluster } from '../support/seeded-cluster';
import { benchCustomer } from '../support/seed-data';
import { median, round } from '../support/stats';

const GROUP = 'First sync (customer, cluster)';

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
      aloneMs.push(await timed('ours, one-customer database', OWN_DOCS, async () => (await ourFirstSync(alone.client)).docs));
      crowdMs.push(await timed('ours, crowd database', OWN_DOCS, async () => (await ourFirstSync(crowd.client)).docs));
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
