// CPU readers of a bench cluster's processes: each server's process group, the CouchDB side, its Redis, and the bench process itself.
import type { Cluster } from '../../sync-server/cluster/cluster-servers';
import type { ClusterBackend } from './cluster-backend';
import { cpuSecondsOf, ownCpuSeconds, type CpuReaders } from './process-cpu';

/**
 * CPU seconds so far of the backend's processes: the stand-in's own pouchdb-server (not another suite's), else every
 * beam.smp for a CouchDB on this machine (others' load on it included).
 */
function backendCpu(backend: ClusterBackend): () => number {
  return backend.pid !== undefined ? () => cpuSecondsOf((p) => p.pid === backend.pid) : () => cpuSecondsOf((p) => p.comm === 'beam.smp');
}

/** The readers, by the names the rows print. */
export function clusterCpuReaders(cluster: Cluster, backend: ClusterBackend): CpuReaders {
  const redisPort = new URL(backend.redisUrl).port;
  const servers = cluster.servers.map((server, i) => [`server ${i}`, () => cpuSecondsOf((p) => p.group === server.pid())] as const);
  return {
    ...Object.fromEntries(servers),
    backend: backendCpu(backend),
    redis: () => cpuSecondsOf((p) => p.comm === 'redis-server' && p.cmdline().includes(`:${redisPort}`)),
    'bench process': ownCpuSeconds,
  };
}
