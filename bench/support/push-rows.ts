// Figure 2 of the cluster suite: pushes/s through the balancer over 1, 2 and 3 servers of one cluster, runs taken in turns, with what the CPU did.
import type { BenchContext, BenchResult } from '../bench-types';
import type { Cluster } from '../../sync-server/cluster/cluster-servers';
import type { ClusterBackend } from './cluster-backend';
import { clusterCpuReaders } from './cluster-cpu';
import type { SignedMember } from './cluster-cast';
import { loadAverage } from './machine';
import { cpuLine, pushRun, type PushRun } from './push-throughput';
import { medianResult, ratioResult } from './result';

const CONCURRENCY = 50;
const WARM_UP_PUSHES = 100;

/** What the throughput figure runs on. */
export interface PushSetup {
  cluster: Cluster;
  backend: ClusterBackend;
  /** Signed-in customers, pushed for in turn (more of them than pushes in flight, so none pushes twice at once). */
  members: readonly SignedMember[];
  total: number;
  runs: number;
  group: string;
}

/** CPU ms one push cost, averaged over `runs`: the servers together, the backend, the bench process, everything else. */
function perPush(runs: readonly PushRun[]): { servers: number; backend: number; bench: number; all: number } {
  const ms = (pick: (r: PushRun) => number) => runs.reduce((a, r) => a + (1000 * pick(r)) / r.rate, 0) / runs.length;
  const sum = (r: PushRun, test: (name: string) => boolean) => Object.entries(r.cores).filter(([name]) => test(name)).reduce((a, [, v]) => a + v, 0);
  return {
    servers: ms((r) => sum(r, (name) => name.startsWith('server'))),
    backend: ms((r) => r.cores.backend!),
    bench: ms((r) => r.cores['bench process']!),
    all: ms((r) => sum(r, () => true)),
  };
}

const perPushLine = (runs: readonly PushRun[]): string => {
  const cost = perPush(runs);
  return `CPU per push: servers ${cost.servers.toFixed(1)} ms, backend ${cost.backend.toFixed(1)} ms, bench process ${cost.bench.toFixed(1)} ms, ${cost.all.toFixed(1)} ms in all`;
};

/** Runs 1, 2 and 3 servers in turns `runs` times; rows of pushes/s per count and 2-vs-1, 3-vs-1 ratios. */
export async function clusterPushRows(ctx: BenchContext, setup: PushSetup): Promise<BenchResult[]> {
  const ports = setup.cluster.servers.map((server) => server.port);
  const counts = ports.map((_, i) => i + 1);
  const options = { total: setup.total, concurrency: CONCURRENCY, cpu: clusterCpuReaders(setup.cluster, setup.backend) };
  await pushRun(ports, setup.members, { ...options, total: WARM_UP_PUSHES });
  const runs: PushRun[] = [];
  for (let r = 0; r < setup.runs; r++) {
    for (const k of counts) {
      const run = await pushRun(ports.slice(0, k), setup.members, options);
      ctx.log(`cluster push: ${k} server(s) ${run.rate.toFixed(0)} pushes/s (${cpuLine([run])})`);
      runs.push(run);
    }
  }
  const of = (k: number) => runs.filter((run) => run.servers === k);
  const rates = (k: number) => of(k).map((run) => run.rate);
  const context = `${setup.total} pushes a run, one message each, ${CONCURRENCY} in flight, ${setup.members.length} customers; the test balancer (in the bench process, a connection per request) in front every time; no feeds open; backend ${setup.backend.description}; ${`load average ${loadAverage().join(' / ')}`}`;
  const rows = counts.map((k) =>
    medianResult(`cluster.push.rate.${k}`, setup.group, `push throughput, ${k} server${k > 1 ? 's' : ''} behind the balancer`, rates(k), 'pushes/s', {
      note: `${k === 1 ? `index writer (lease holder): ${indexWriterOf(of(1))}; ` : ''}${cpuLine(of(k))}; ${perPushLine(of(k))}; ${context}`,
    }),
  );
  const ratios = counts.slice(1).map((k) =>
    ratioResult(`cluster.push.ratio.${k}v1`, setup.group, `push throughput, ${k} servers vs 1`, rates(k), rates(1), { note: boundOf(of(k)) }),
  );
  return [...rows, ...ratios];
}

/**
 * The lease holder, read from the one-server runs: the servers taking no requests idle, but the index writer follows
 * CouchDB and indexes every push; when neither stands out, it is the serving server 0 itself.
 */
function indexWriterOf(oneServerRuns: readonly PushRun[]): string {
  const idle = Object.keys(oneServerRuns[0]?.cores ?? {}).filter((name) => name.startsWith('server') && name !== 'server 0');
  const share = (name: string) => oneServerRuns.reduce((a, r) => a + r.cores[name]!, 0) / oneServerRuns.length;
  const busiest = idle.sort((x, y) => share(y) - share(x))[0];
  return busiest && share(busiest) >= 0.02 ? `${busiest} (busy while it took no requests)` : 'server 0 (no idle server was busy)';
}

/** What held the runs back, read from their CPU: a saturated machine, or the backend's core, or neither. */
function boundOf(runs: readonly PushRun[]): string {
  const busy = runs.reduce((a, r) => a + r.machineBusy, 0) / runs.length;
  const backend = runs.reduce((a, r) => a + r.cores.backend!, 0) / runs.length;
  const cost = perPush(runs);
  const share = `the servers spend ${cost.servers.toFixed(1)} of the ${cost.all.toFixed(1)} CPU ms a push costs (backend ${cost.backend.toFixed(1)}, bench clients, balancer and proxy ${cost.bench.toFixed(1)})`;
  if (busy >= 0.9) return `bounded by the machine's cores, not by the number of servers: ${share}, and with every core busy another server only takes CPU from the rest; ${cpuLine(runs)}`;
  if (backend >= 0.85) return `bounded by the backend, near one full core: ${share}; ${cpuLine(runs)}`;
  return `not CPU-bound on this machine: ${share}; waits on the backend's answers or the index writer; ${cpuLine(runs)}`;
}
