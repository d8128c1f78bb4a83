// Issue 5 item 1: a customer's write → the agent's feed and → the customer's second device, p50/p99 with 1, 100 and 500 customers live; anchor PouchDB.sync against pouchdb-server.
import type { BenchContext, BenchResult } from '../bench-types';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { Arrivals } from '../support/arrivals';
import { liveDevice, pushDocs, signInClient, type CouchClient } from '../support/couch-client';
import { BENCH_PASSWORD, bulkWrite, startHarborChild } from '../support/harbor-server';
import { runAnchorLive } from '../support/live-anchor';
import { missingResult, percentileRows } from '../support/result';
import { benchAgent, benchCustomer } from '../support/seed-data';

const GROUP = 'Live latency';

/** p50 and p99 rows of one observer at one level. */
export function latencyRows(prefix: string, label: string, samples: number[], level: number, goals: boolean): BenchResult[] {
  return percentileRows(GROUP, prefix, label, samples, level, goals);
}

/** Runs the live latency measurements, ours then the anchor. */
export default async function liveLatency(ctx: BenchContext): Promise<BenchResult[]> {
  const levels = ctx.quick ? [1, 20] : [1, 100, 500];
  const samples = ctx.quick ? 30 : 100;
  const top = levels.at(-1)!;
  const customers = Array.from({ length: top }, (_, i) => benchCustomer(i));
  const tickets = customers.map((c) => aTicket(c, { id: newId(), number: null }));
  const server = await startHarborChild({
    users: [benchAgent, ...customers],
    async fill(storage) {
      await bulkWrite(storage.tickets, tickets.map(({ id, ...t }, i) => ({ _id: id, ...t, number: i + 1 })));
    },
  });
  const results: BenchResult[] = [];
  const arrivals = new Arrivals();
  const stops: Array<() => void> = [];
  const failures: unknown[] = [];
  const onError = (e: unknown) => failures.push(e);
  try {
    const agent = await signInClient(server.baseUrl, benchAgent.email, BENCH_PASSWORD);
    const agentFeed = liveDevice(agent, ['tickets', 'messages'], (_c, row) => arrivals.see('agent', row.id), onError);
    stops.push(agentFeed.stop);
    await agentFeed.ready;
    const clients: CouchClient[] = [];
    for (const level of levels) {
      // Bring `level` customers live: each with two devices, each device one longpoll per collection (as RxDB).
      const t0 = performance.now();
      const fresh = customers.slice(clients.length, level);
      const signed = await Promise.all(fresh.map((c) => signInClient(server.baseUrl, c.email, BENCH_PASSWORD)));
      for (const [k, client] of signed.entries()) {
        const n = clients.length + k;
        for (const device of ['a', 'b']) {
          const live = liveDevice(client, ['tickets', 'messages'], (_c, row) => arrivals.see(`c${n}${device}`, row.id), onError);
          stops.push(live.stop);
          await live.ready;
        }
      }
      clients.push(...signed);
      ctx.log(`ours: ${level} customers live (${level * 4 + 2} open longpolls) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const toAgent: number[] = [];
      const toDevice: number[] = [];
      for (let s = 0; s < samples; s++) {
        const n = (s * 7919) % level;
        const message = aMessage(tickets[n]!, customers[n]!, { id: newId(), body: `live ${s}`, createdAt: Date.now() });
        const { id, ...fields } = message;
        const start = performance.now();
        const seenByAgent = arrivals.when('agent', id);
        const seenByDevice = arrivals.when(`c${n}b`, id);
        await pushDocs(clients[n]!, 'messages', [{ _id: id, ...fields }]);
        toAgent.push((await seenByAgent) - start);
        toDevice.push((await seenByDevice) - start);
      }
      if (failures.length) throw failures[0];
      results.push(
        ...latencyRows('live.ours.agent', 'ours: write → agent feed', toAgent, level, level === top && !ctx.quick),
        ...latencyRows('live.ours.device', 'ours: write → same customer’s 2nd device', toDevice, level, level === top && !ctx.quick),
      );
    }
  } finally {
    stops.forEach((stop) => stop());
    await server.close();
  }
  try {
    results.push(...(await runAnchorLive(ctx, levels, samples, latencyRows)));
  } catch (error) {
    results.push(missingResult('live.anchor', GROUP, 'anchor: PouchDB.sync against pouchdb-server', 'ms', (error as Error).message));
  }
  return results;
}
