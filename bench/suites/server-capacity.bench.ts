// Issue 5 item 5: one server process holding 1,000 open live feeds: its memory, and write → feed latency p99 meanwhile.
import type { BenchContext, BenchResult } from '../bench-types';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { Arrivals } from '../support/arrivals';
import { liveDevice, pushDocs, signInClient } from '../support/couch-client';
import { BENCH_PASSWORD, bulkWrite, startHarborChild } from '../support/harbor-server';
import { plainResult } from '../support/result';
import { benchCustomer } from '../support/seed-data';
import { quantile } from '../support/stats';

const GROUP = 'Server capacity';

/** Runs the capacity measurement. */
export default async function serverCapacity(ctx: BenchContext): Promise<BenchResult[]> {
  const feeds = ctx.quick ? 200 : 1000;
  const customers = Array.from({ length: feeds / 2 }, (_, i) => benchCustomer(i));
  const tickets = customers.map((c, i) => aTicket(c, { id: newId(), number: i + 1 }));
  const server = await startHarborChild({
    users: customers,
    fill: (storage) => bulkWrite(storage.tickets, tickets.map(({ id, ...t }) => ({ _id: id, ...t }))),
  });
  const arrivals = new Arrivals();
  const stops: Array<() => void> = [];
  const failures: unknown[] = [];
  try {
    const clients = await Promise.all(customers.map((c) => signInClient(server.baseUrl, c.email, BENCH_PASSWORD)));
    const idleMB = server.rssMB();
    // One device per customer, one longpoll per collection: feeds = 2 × customers.
    for (const [n, client] of clients.entries()) {
      const live = liveDevice(client, ['tickets', 'messages'], (_c, row) => arrivals.see(`c${n}`, row.id), (e) => failures.push(e));
      stops.push(live.stop);
      await live.ready;
    }
    const openMB = server.rssMB();
    ctx.log(`capacity: ${feeds} feeds open; server RSS ${idleMB.toFixed(0)} → ${openMB.toFixed(0)} MB`);
    const samples: number[] = [];
    for (let s = 0; s < (ctx.quick ? 50 : 200); s++) {
      const n = (s * 7919) % clients.length;
      const { id, ...fields } = aMessage(tickets[n]!, customers[n]!, { id: newId(), body: `load ${s}`, createdAt: Date.now() });
      const start = performance.now();
      const seen = arrivals.when(`c${n}`, id);
      await pushDocs(clients[n]!, 'messages', [{ _id: id, ...fields }]);
      samples.push((await seen) - start);
    }
    if (failures.length) throw failures[0];
    const afterMB = server.rssMB();
    const spread = `n=${samples.length}, p50 ${Math.round(quantile(samples, 0.5))} ms, max ${Math.round(Math.max(...samples))} ms`;
    return [
      plainResult('capacity.rss.idle', GROUP, `server RSS, ${customers.length} customers signed in, no feed open`, idleMB, 'MB'),
      plainResult('capacity.rss.open', GROUP, `server RSS with ${feeds} open live feeds`, openMB, 'MB', `after ${samples.length} writes: ${Math.round(afterMB)} MB`),
      plainResult('capacity.rss.perfeed', GROUP, 'memory per open feed', ((openMB - idleMB) * 1024) / feeds, 'KB'),
      plainResult('capacity.p99', GROUP, `write → device feed p99 with ${feeds} feeds open`, quantile(samples, 0.99), 'ms', spread),
    ];
  } finally {
    stops.forEach((stop) => stop());
    await server.close();
  }
}
