// Issue 5 item 3: an agent's first sync of 5,000 tickets and 50,000 messages, ours against PouchDB.replicate from pouchdb-server.
import type { BenchContext, BenchResult } from '../bench-types';
import { signInClient } from '../support/couch-client';
import { anchorFirstSync, loadRemote, ourFirstSync } from '../support/device-sync';
import { BENCH_PASSWORD, bulkWrite, startHarbor } from '../support/harbor-server';
import { startPouchServer } from '../support/pouchdb-server-process';
import { medianResult, ratioResult } from '../support/result';
import { benchAgent, benchCustomer, customerDocs } from '../support/seed-data';
import { median, timeRuns } from '../support/stats';

const GROUP = 'First sync (agent)';

/** Runs the agent first-sync measurement. */
export default async function agentSync(ctx: BenchContext): Promise<BenchResult[]> {
  const customers = ctx.quick ? 50 : 500;
  // Two runs each: at 55,000 documents one anchor run takes minutes on this shared machine (15-minute time box).
  const runs = 2;
  const all = Array.from({ length: customers }, (_, i) => customerDocs(benchCustomer(i), 10, 100));
  const tickets = all.flatMap((d) => d.tickets);
  const messages = all.flatMap((d) => d.messages);
  const t0 = performance.now();
  const server = await startHarbor({
    users: [benchAgent, ...all.map((_, i) => benchCustomer(i))],
    async fill(storage) {
      await bulkWrite(storage.tickets, tickets);
      await bulkWrite(storage.messages, messages);
    },
  });
  const pouch = await startPouchServer();
  const ours: number[] = [];
  const anchor: number[] = [];
  try {
    const agent = await signInClient(server.baseUrl, benchAgent.email, BENCH_PASSWORD);
    // Untimed: the first /db request waits for the scope index to catch up on start-up.
    await ourFirstSync(await signInClient(server.baseUrl, benchCustomer(0).email, BENCH_PASSWORD));
    // The anchor gets its best shape for an agent: one database per collection holding everyone's documents.
    await loadRemote(pouch.baseUrl, 'all-tickets', tickets);
    await loadRemote(pouch.baseUrl, 'all-messages', messages);
    ctx.log(`agent data seeded (${tickets.length} tickets, ${messages.length} messages) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const expected = tickets.length + messages.length;
    for (let run = 0; run < runs; run++) {
      ours.push(
        ...(await timeRuns(1, async () => {
          const n = (await ourFirstSync(agent)).docs;
          if (n !== expected) throw new Error(`agent pulled ${n} documents, not ${expected}`);
        })),
      );
      anchor.push(
        ...(await timeRuns(1, async () => {
          const n = await anchorFirstSync(pouch.baseUrl, ['all-tickets', 'all-messages']);
          if (n !== expected) throw new Error(`anchor replicated ${n} documents, not ${expected}`);
        })),
      );
      ctx.log(`agent run ${run + 1}: ours ${ours.at(-1)!.toFixed(0)} ms, anchor ${anchor.at(-1)!.toFixed(0)} ms`);
    }
  } finally {
    await pouch.stop();
    await server.close();
  }
  const size = `${(customers * 10).toLocaleString('en')} tickets + ${(customers * 100).toLocaleString('en')} messages`;
  return [
    medianResult('sync.agent.ours', GROUP, `ours: agent's first sync, ${size}`, ours, 'ms', { note: 'plain HTTP client, RxDB’s pull (limit 100), into memory PouchDB' }),
    medianResult('sync.agent.anchor', GROUP, `anchor: PouchDB.replicate, ${size}`, anchor, 'ms', { note: 'batch_size 100, into memory PouchDB' }),
    ratioResult('sync.agent.speedup', GROUP, 'anchor ÷ ours (how many times faster ours is)', anchor, ours, {
      goal: '≥ 2×',
      meetsGoal: median(anchor) / median(ours) >= 2,
    }),
  ];
}
