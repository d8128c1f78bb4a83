// Push throughput through the test balancer over the first k servers of a cluster, with where the CPU went meanwhile.
import { cpus } from 'node:os';
import { startRoundRobinProxy } from '../../sync-server/cluster/round-robin-proxy';
import { newMessage, type SignedMember } from './cluster-cast';
import { clientFor, pushDocs, type CouchClient } from './couch-client';
import { sharesLine, startCpuWindow, type CpuReaders } from './process-cpu';

const CORES = cpus().length;

/** One timed run: pushes per second and each CPU reader's share of one core over it. */
export interface PushRun {
  servers: number;
  rate: number;
  cores: Record<string, number>;
  machineBusy: number;
}

/** `total` pushes of one message each, `concurrency` in flight, members taken in turn; resolves with pushes per second. */
async function pushRate(writers: ReadonlyArray<{ member: SignedMember; client: CouchClient }>, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < total; i = next++) {
      const w = writers[i % writers.length]!;
      await pushDocs(w.client, 'messages', [newMessage(w.member, `push ${i}`)]);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / ((performance.now() - start) / 1000);
}

/** Pushes through a fresh balancer over `ports` while reading CPU; the balancer is closed after. */
export async function pushRun(
  ports: readonly number[],
  members: readonly SignedMember[],
  options: { total: number; concurrency: number; cpu: CpuReaders },
): Promise<PushRun> {
  const balancer = await startRoundRobinProxy(ports);
  try {
    const writers = members.map((member) => ({ member, client: clientFor(balancer.url, member.cookie) }));
    const window = startCpuWindow(options.cpu);
    const rate = await pushRate(writers, options.total, options.concurrency);
    return { servers: ports.length, rate, ...window.stop() };
  } finally {
    await balancer.close();
  }
}

/** "server 0 41%, …; machine busy 97% of its 2 cores, 60% of one core outside this run": the runs' CPU shares, averaged. */
export function cpuLine(runs: readonly PushRun[]): string {
  const mean = (pick: (r: PushRun) => number) => runs.reduce((a, r) => a + pick(r), 0) / Math.max(1, runs.length);
  const cores = Object.fromEntries(Object.keys(runs[0]?.cores ?? {}).map((name) => [name, mean((r) => r.cores[name]!)]));
  const ours = Object.values(cores).reduce((a, b) => a + b, 0);
  const machine = mean((r) => r.machineBusy);
  const outside = Math.max(0, machine * CORES - ours);
  return `CPU (% of one core): ${sharesLine(cores)}; machine busy ${Math.round(100 * machine)}% of its ${CORES} cores, ${Math.round(100 * outside)}% of one core outside this run`;
}
