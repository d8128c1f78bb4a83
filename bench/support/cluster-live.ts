// Write → held longpoll latency across servers: a crowd of customers live on every server, measured customers whose writing device and watching device sit where a placement says, and an agent live on one server.
import { Arrivals } from './arrivals';
import { clientFor, liveDevice, pushDocs, signInClient } from './couch-client';
import type { SignedMember } from './cluster-cast';
import { newMessage } from './cluster-cast';
import { BENCH_PASSWORD } from './harbor-server';
import { startCpuWindow, type CpuReaders } from './process-cpu';
import { benchAgent } from './seed-data';

/** Where a measured customer's two devices are: the first writes, the second holds the longpoll that is timed. */
export interface Placement {
  name: string;
  writeUrl: string;
  readUrl: string;
}

/** What one live run needs. */
export interface LiveSetup {
  /** Signed-in customers kept live (one device each, a longpoll per collection), member i on `crowdUrls[i % n]`. */
  crowd: readonly SignedMember[];
  crowdUrls: readonly string[];
  /** Where the agent's device holds its longpolls. */
  agentUrl: string;
  /** Each placement's own measured customers (not in the crowd). */
  placements: ReadonlyArray<{ placement: Placement; writers: readonly SignedMember[] }>;
  /** Timed writes per placement (taken in turns, so every placement sees the same load). */
  samples: number;
  /** CPU read over the timed writes only (not while bringing everyone live). */
  cpu?: CpuReaders;
  log(...parts: unknown[]): void;
}

/** Latencies of one placement: write → the second device's longpoll answered, and → the agent's. */
export interface PlacementSamples {
  device: number[];
  agent: number[];
}

const COLLECTIONS = ['tickets', 'messages'] as const;
const WARM_UP_WRITES = 5;

/** What a live run measured: samples keyed by placement name, and the CPU shares over the timed writes. */
export interface LiveRun {
  byPlacement: Record<string, PlacementSamples>;
  cores: Record<string, number>;
}

/** Brings everyone live, times the writes, ends every feed. */
export async function measureLive(setup: LiveSetup): Promise<LiveRun> {
  const arrivals = new Arrivals();
  const stops: Array<() => void> = [];
  const failures: unknown[] = [];
  const live = async (url: string, cookie: string, who: string) => {
    const device = liveDevice(clientFor(url, cookie), COLLECTIONS, (_c, row) => arrivals.see(who, row.id), (e) => failures.push(e));
    stops.push(device.stop);
    await device.ready;
  };
  try {
    const t0 = performance.now();
    const agent = await signInClient(setup.agentUrl, benchAgent.email, BENCH_PASSWORD);
    await live(setup.agentUrl, agent.cookie, 'agent');
    for (let i = 0; i < setup.crowd.length; i += 50) {
      await Promise.all(setup.crowd.slice(i, i + 50).map((m, k) => live(setup.crowdUrls[(i + k) % setup.crowdUrls.length]!, m.cookie, `crowd${i + k}`)));
    }
    const writers = setup.placements.flatMap(({ placement, writers }) =>
      writers.map((member, k) => ({ placement: placement.name, member, writer: clientFor(placement.writeUrl, member.cookie), watcher: `${placement.name}${k}` })),
    );
    for (const w of writers) {
      const { writeUrl, readUrl } = setup.placements.find((p) => p.placement.name === w.placement)!.placement;
      await live(writeUrl, w.member.cookie, `${w.watcher}a`);
      await live(readUrl, w.member.cookie, w.watcher);
    }
    const feeds = 2 * (1 + setup.crowd.length + 2 * writers.length);
    setup.log(`cluster live: ${setup.crowd.length + writers.length} customers live (${feeds} held longpolls) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const out: Record<string, PlacementSamples> = Object.fromEntries(setup.placements.map(({ placement }) => [placement.name, { device: [], agent: [] }]));
    const perPlacement = setup.placements.map(({ placement }) => writers.filter((w) => w.placement === placement.name));
    let window = startCpuWindow({});
    for (let s = -WARM_UP_WRITES; s < setup.samples; s++) {
      if (s === 0) window = startCpuWindow(setup.cpu ?? {});
      for (const group of perPlacement) {
        const w = group[(s + group.length * WARM_UP_WRITES) % group.length]!;
        const doc = newMessage(w.member, `cluster live ${s}`);
        const start = performance.now();
        const seenByAgent = arrivals.when('agent', doc._id as string);
        const seenByDevice = arrivals.when(w.watcher, doc._id as string);
        await pushDocs(w.writer, 'messages', [doc]);
        const [device, agentAt] = [(await seenByDevice) - start, (await seenByAgent) - start];
        if (failures.length) throw failures[0];
        if (s < 0) continue;
        out[w.placement]!.device.push(device);
        out[w.placement]!.agent.push(agentAt);
      }
    }
    return { byPlacement: out, cores: window.stop().cores };
  } finally {
    stops.forEach((stop) => stop());
  }
}
