// CPU readers of a bench cluster's processes: each server's process group, the CouchDB side, its Redis, and the bench process itself.
import type { Cluster } from '../../sync-server/cluster/cluster-servers';
import type { ClusterBackend } from './cluster-backend';
import { cpuSecondsOf, ownCpuSeconds, type CpuReaders } from './process-cpu';

/** CPU seconds so far of the backend's processes: every beam.smp for a CouchDB on this machine (others' load included), else pouchdb-server. */
function backendCpu(backend: ClusterBackend): () => number {
  return backend.realCouch
    ? () => cpuSecondsOf((p) => p.comm === 'beam.smp')
    : () => cpuSecondsOf((p) => p.cmdline().includes('pouchdb-server/bin/pouchdb-server'));
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
