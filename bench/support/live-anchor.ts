// The live-latency anchor: per-customer databases on pouchdb-server, two devices per customer on PouchDB.sync, an agent replicating every customer's database live.
import type { BenchContext, BenchResult } from '../bench-types';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { Arrivals } from './arrivals';
import { memoryDb, Pouch, remoteDb, type EventEmitterLike } from './pouch-client';
import { startPouchServer } from './pouchdb-server-process';
import { missingResult } from './result';
import { benchCustomer } from './seed-data';

/** Longest the anchor may take to bring one level's customers live before the level is recorded as missing. */
const SETUP_LIMIT_MS = 60_000;

type Rows = (prefix: string, label: string, samples: number[], level: number, goals: boolean) => BenchResult[];

/** Measures the anchor at each level; a level whose set-up overruns is recorded as missing, and the rest skipped. */
export async function runAnchorLive(ctx: BenchContext, levels: number[], samples: number[] | number, rows: Rows): Promise<BenchResult[]> {
  const count = typeof samples === 'number' ? samples : samples.length;
  const pouch = await startPouchServer();
  const arrivals = new Arrivals();
  const handles: EventEmitterLike[] = [];
  const devicesA: PouchDB.Database[] = [];
  const results: BenchResult[] = [];
  const agentLocal = memoryDb('anchor-agent');
  const agentFeed = agentLocal.changes({ live: true, since: 'now' }).on('change', (c) => arrivals.see('agent', c.id));
  try {
    for (const level of levels) {
      const t0 = performance.now();
      while (devicesA.length < level) {
        if (performance.now() - t0 > SETUP_LIMIT_MS) {
          results.push(
            missingResult(`live.anchor.${level}`, 'Live latency', `anchor: ${level} live customers`, 'ms', `bringing ${level} customers live on pouchdb-server took over ${SETUP_LIMIT_MS / 1000} s (reached ${devicesA.length})`),
          );
          return results;
        }
        const n = devicesA.length;
        const name = `live-c${n}`;
        const a = memoryDb(`anchor-c${n}a`);
        const b = memoryDb(`anchor-c${n}b`);
        const live = { live: true, retry: true };
        handles.push(Pouch.sync(a, remoteDb(pouch.baseUrl, name), live), Pouch.sync(b, remoteDb(pouch.baseUrl, name), live));
        handles.push(Pouch.replicate(remoteDb(pouch.baseUrl, name), agentLocal, live));
        handles.push(b.changes({ live: true, since: 'now' }).on('change', (c) => arrivals.see(`c${n}b`, c.id)) as unknown as EventEmitterLike);
        devicesA.push(a);
      }
      // Let every replication reach its live longpoll before timing.
      await new Promise((ok) => setTimeout(ok, 2_000));
      ctx.log(`anchor: ${level} customers live (${level * 3} PouchDB replications) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const toAgent: number[] = [];
      const toDevice: number[] = [];
      for (let s = 0; s < count; s++) {
        const n = (s * 7919) % level;
        const customer = benchCustomer(n);
        const { id, ...fields } = aMessage(aTicket(customer, { id: `t-${n}` }), customer, { id: newId(), body: `live ${s}` });
        const start = performance.now();
        const seenByAgent = arrivals.when('agent', id);
        const seenByDevice = arrivals.when(`c${n}b`, id);
        await devicesA[n]!.put({ _id: id, ...fields });
        toAgent.push((await seenByAgent) - start);
        toDevice.push((await seenByDevice) - start);
      }
      results.push(
        ...rows('live.anchor.agent', 'anchor: write → agent (live replicate of each customer db)', toAgent, level, false),
        ...rows('live.anchor.device', 'anchor: write → 2nd device (PouchDB.sync)', toDevice, level, false),
      );
    }
    return results;
  } finally {
    handles.forEach((h) => h.cancel());
    agentFeed.cancel();
    // Cancelled replications finish their open requests before the server goes away.
    await new Promise((ok) => setTimeout(ok, 1_000));
    await pouch.stop();
  }
}
