// Cluster suite figures 1 and 3: write → longpolls on another server vs the same one, and on the embedded single server for reference.
import type { BenchContext, BenchResult } from '../bench-types';
import { castOf, seedCast, signInCast, type SignedMember } from './cluster-cast';
import { measureLive, type Placement } from './cluster-live';
import { startHarborChild } from './harbor-server';
import { loadAverage } from './machine';
import { sharesLine, type CpuReaders } from './process-cpu';
import { percentileRows, plainResult } from './result';
import { quantile } from './stats';

/** How many customers a live run keeps live and how many writes it times. */
export interface LiveSizes {
  crowd: number;
  writersPerPlacement: number;
  samples: number;
}

/** The cluster the cross-server figure runs on: server URLs (A first, B second), everyone signed in, CPU readers. */
export interface ClusterLiveRun {
  urls: string[];
  signed: SignedMember[];
  /** The backend's name, for the notes. */
  backend: string;
  cpu: CpuReaders;
}

const withNote = (rows: BenchResult[], note: string): BenchResult[] => rows.map((row) => ({ ...row, note }));
const load = (): string => `load average ${loadAverage().join(' / ')}`;

/** Figure 1: the same writes timed with the watching device on another server than the writing one, and on the same. */
export async function crossServerRows(ctx: BenchContext, group: string, sizes: LiveSizes, run: ClusterLiveRun): Promise<BenchResult[]> {
  const { urls, signed, backend } = run;
  const [a, b] = urls as [string, string];
  const cross: Placement = { name: 'cross', writeUrl: a, readUrl: b };
  const same: Placement = { name: 'same', writeUrl: b, readUrl: b };
  const writers = (k: number) => signed.slice(sizes.crowd + k * sizes.writersPerPlacement, sizes.crowd + (k + 1) * sizes.writersPerPlacement);
  const { byPlacement: samples, cores } = await measureLive({
    crowd: signed.slice(0, sizes.crowd),
    crowdUrls: urls,
    agentUrl: b,
    placements: [{ placement: cross, writers: writers(0) }, { placement: same, writers: writers(1) }],
    samples: sizes.samples,
    cpu: run.cpu,
    log: ctx.log,
  });
  const level = sizes.crowd + 2 * sizes.writersPerPlacement;
  const note = `${urls.length} servers, ${sizes.crowd} other customers live spread over them, the agent's device on B; backend ${backend}; ${load()}`;
  const ratio = (observer: 'device' | 'agent') => {
    const [x, y] = [samples.cross![observer], samples.same![observer]];
    const p99 = (quantile(x, 0.99) / quantile(y, 0.99)).toFixed(2);
    return plainResult(`cluster.live.${observer}.ratio`, group, `write → ${observer === 'device' ? '2nd device' : 'agent'}: other server vs same server, p50`, quantile(x, 0.5) / quantile(y, 0.5), '×', `p99 ratio ${p99}×`, {
      note: `A is server 0, B server 1. The server that stored the write indexes it in Redis, which wakes the feeds of every server, wherever the write landed, so this is the cost of the write landing on another server, not of Redis. The lease holder is named in the one-server push-throughput row. CPU over the timed writes (% of one core): ${sharesLine(cores)}`,
    });
  };
  return [
    ...withNote(percentileRows(group, 'cluster.live.cross.device', 'write on A → 2nd device’s longpoll on B', samples.cross!.device, level, !ctx.quick), note),
    ...withNote(percentileRows(group, 'cluster.live.cross.agent', 'write on A → agent’s longpoll on B', samples.cross!.agent, level, !ctx.quick), note),
    ...withNote(percentileRows(group, 'cluster.live.same.device', 'anchor: write on B → 2nd device’s longpoll on B', samples.same!.device, level, false), note),
    ...withNote(percentileRows(group, 'cluster.live.same.agent', 'anchor: write on B → agent’s longpoll on B', samples.same!.agent, level, false), note),
    ratio('device'),
    ratio('agent'),
  ];
}

/** Figure 3: the same write → 2nd device and → agent on one embedded (LevelDB) server, as a reference. */
export async function embeddedRows(ctx: BenchContext, group: string, sizes: LiveSizes): Promise<BenchResult[]> {
  const cast = castOf(sizes.crowd + sizes.writersPerPlacement);
  const server = await startHarborChild({ users: [], fill: (storage) => seedCast(storage, cast) });
  try {
    const signed = await signInCast(cast, [server.baseUrl]);
    const { byPlacement: samples } = await measureLive({
      crowd: signed.slice(0, sizes.crowd),
      crowdUrls: [server.baseUrl],
      agentUrl: server.baseUrl,
      placements: [{ placement: { name: 'embedded', writeUrl: server.baseUrl, readUrl: server.baseUrl }, writers: signed.slice(sizes.crowd) }],
      samples: sizes.samples,
      log: ctx.log,
    });
    const level = cast.length;
    const note = `reference: one server on embedded LevelDB, no Redis, measured after the cluster stopped; ${load()}`;
    return [
      ...withNote(percentileRows(group, 'cluster.embedded.device', 'reference, embedded server: write → 2nd device', samples.embedded!.device, level, false), note),
      ...withNote(percentileRows(group, 'cluster.embedded.agent', 'reference, embedded server: write → agent', samples.embedded!.agent, level, false), note),
    ];
  } finally {
    await server.close();
  }
}

