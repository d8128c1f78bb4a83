// Issue 5 item 2: a customer's new device, first sync in a one-customer and a 1,000-customer database, the pouchdb-server anchor, and catch-up after 10,000 other changes.
import type { BenchContext, BenchResult } from '../bench-types';
import { signInClient, type WireSeq } from '../support/couch-client';
import { crowdDocCount, crowdSeed } from '../support/crowd-seed';
import { anchorFirstSync, loadRemote, ourCatchUp, ourFirstSync } from '../support/device-sync';
import { BENCH_PASSWORD, bulkWrite, startHarbor, type HarborBenchServer } from '../support/harbor-server';
import { startPouchServer } from '../support/pouchdb-server-process';
import { medianResult, ratioResult } from '../support/result';
import { benchCustomer, customerDocs } from '../support/seed-data';
import { median, timeRuns } from '../support/stats';

const GROUP = 'First sync (customer)';

/** Seeds customer 0 (50 tickets, 500 messages) among `others` customers of 20 tickets and 180 messages, interleaved. */
async function seededServer(others: number, ctx: BenchContext): Promise<{ server: HarborBenchServer; own: ReturnType<typeof customerDocs> }> {
  const seed = crowdSeed(others);
  const t0 = performance.now();
  const server = await startHarbor(seed);
  // The first /db request waits for the scope index to catch up on start-up: do it untimed.
  const warm = await signInClient(server.baseUrl, benchCustomer(others > 0 ? 1 : 0).email, BENCH_PASSWORD);
  await ourFirstSync(warm);
  ctx.log(`seeded ${others + 1} customers (${crowdDocCount(others).toLocaleString()} docs) and indexed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { server, own: seed.own };
}

/** Runs the customer first-sync and catch-up measurements. */
export default async function customerSync(ctx: BenchContext): Promise<BenchResult[]> {
  const runs = ctx.quick ? 3 : 5;
  const others = ctx.quick ? 99 : 999;
  const results: BenchResult[] = [];

  // Both databases and the anchor are up at once and measured in turns, so drift in the machine's load hits all three alike.
  const alone = await seededServer(0, ctx);
  const crowd = await seededServer(others, ctx);
  const pouch = await startPouchServer();
  const aloneClient = await signInClient(alone.server.baseUrl, benchCustomer(0).email, BENCH_PASSWORD);
  const client = await signInClient(crowd.server.baseUrl, benchCustomer(0).email, BENCH_PASSWORD);
  let checkpoint: Record<string, WireSeq> = {};
  const aloneMs: number[] = [];
  const crowdMs: number[] = [];
  const anchorMs: number[] = [];
  try {
    // Anchor: pouchdb-server, one database per customer (per collection), PouchDB.replicate into memory.
    await loadRemote(pouch.baseUrl, 'c0-tickets', crowd.own.tickets);
    await loadRemote(pouch.baseUrl, 'c0-messages', crowd.own.messages);
    await anchorFirstSync(pouch.baseUrl, ['c0-tickets', 'c0-messages']); // untimed warm-up, like ours in seededServer
    for (let run = 0; run < runs; run++) {
      aloneMs.push(...(await timeRuns(1, async () => void (await ourFirstSync(aloneClient)))));
      crowdMs.push(
        ...(await timeRuns(1, async () => {
          const sync = await ourFirstSync(client);
          if (sync.docs !== 550) throw new Error(`customer 0 pulled ${sync.docs} documents, not 550`);
          checkpoint = sync.lastSeq;
        })),
      );
      anchorMs.push(
        ...(await timeRuns(1, async () => {
          const n = await anchorFirstSync(pouch.baseUrl, ['c0-tickets', 'c0-messages']);
          if (n !== 550) throw new Error(`anchor replicated ${n} documents, not 550`);
        })),
      );
    }
  } finally {
    await pouch.stop();
    await alone.server.close();
  }

  // Catch-up: 10,000 changes by other customers (and 10 new messages of customer 0) since the device's last sync.
  const catchUpMs: number[] = [];
  const warm = await signInClient(crowd.server.baseUrl, benchCustomer(1).email, BENCH_PASSWORD);
  for (let run = 0; run < (ctx.quick ? 2 : 3); run++) {
    const storage = crowd.server.harbor.storage;
    for (let k = 0; k < 10; k++) {
      const docs = customerDocs(benchCustomer(2 + ((run * 10 + k) % others)), 100, 899);
      await bulkWrite(storage.tickets, docs.tickets);
      await bulkWrite(storage.messages, docs.messages);
    }
    await bulkWrite(storage.messages, customerDocs(benchCustomer(0), 1, 10).messages.map((m) => ({ ...m, ticketId: crowd.own.tickets[0]!._id, conversationId: crowd.own.tickets[0]!._id })));
    await ourCatchUp(warm, { tickets: 0, messages: 0 }).catch(() => 0); // untimed: waits for the index to reach the writes
    const start = performance.now();
    const got = await ourCatchUp(client, checkpoint);
    catchUpMs.push(performance.now() - start);
    if (got !== 10) throw new Error(`catch-up pulled ${got} documents, not 10`);
    checkpoint = (await ourFirstSync(client)).lastSeq;
  }
  await crowd.server.close();

  const docs = `${crowdDocCount(others).toLocaleString('en')} docs`;
  results.push(
    medianResult('sync.customer.alone', GROUP, 'ours: 50 tickets + 500 messages, database holds only them', aloneMs, 'ms'),
    medianResult('sync.customer.crowd', GROUP, `ours: same customer, database of ${others + 1} customers (${docs})`, crowdMs, 'ms'),
    ratioResult('sync.customer.crowd-vs-alone', GROUP, `ours: ${others + 1}-customer ÷ one-customer database`, crowdMs, aloneMs, {
      goal: '≤ 2×',
      meetsGoal: median(crowdMs) / median(aloneMs) <= 2,
    }),
    medianResult('sync.customer.anchor', GROUP, 'anchor: PouchDB.replicate from pouchdb-server, one db per customer', anchorMs, 'ms'),
    ratioResult('sync.customer.crowd-vs-anchor', GROUP, `ours (${others + 1}-customer db) ÷ anchor`, crowdMs, anchorMs, {
      goal: '< 1× (faster than anchor)',
      meetsGoal: median(crowdMs) < median(anchorMs),
    }),
    medianResult('sync.customer.catchup', GROUP, 'ours: catch-up after 10,000 other customers’ changes (10 own new)', catchUpMs, 'ms'),
  );
  return results;
}
