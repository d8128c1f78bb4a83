// Cluster mode: write on server A → longpolls held on server B (anchor: both devices on B), push throughput over 1, 2 and 3 servers, and the embedded single server for reference.
import type { BenchContext, BenchResult } from '../bench-types';
import { startCluster, type Cluster } from '../../sync-server/cluster/cluster-servers';
import { openStorage } from '../../sync-server/services/storage';
import { startClusterBackend } from '../support/cluster-backend';
import { clusterCpuReaders } from '../support/cluster-cpu';
import { castOf, seedCast, signInCast } from '../support/cluster-cast';
import { crossServerRows, embeddedRows } from '../support/cluster-live-rows';
import { clusterPushRows } from '../support/push-rows';
import { missingResult } from '../support/result';

const GROUP = 'Cluster';

/** Sizes of a full run and of --quick. */
const sizesOf = (quick: boolean) => ({
  crowd: quick ? 50 : 500,
  writersPerPlacement: quick ? 4 : 10,
  samples: quick ? 30 : 100,
  pushes: quick ? 300 : 1000,
  pushRuns: quick ? 1 : 3,
});

/** Runs figures 1 and 2 on one cluster of three servers, then figure 3. */
export default async function clusterBench(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes = sizesOf(ctx.quick);
  const cast = castOf(sizes.crowd + 2 * sizes.writersPerPlacement);
  const results: BenchResult[] = [];
  const backend = await startClusterBackend();
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster(3, backend.couchdbUrl, backend.redisUrl);
    ctx.log(`cluster: 3 servers over ${backend.description}`);
    const storage = await openStorage({ kind: 'couchdb', url: backend.couchdbUrl, prefix: cluster.prefix });
    await seedCast(storage, cast).finally(() => storage.close());
    const urls = cluster.servers.map((server) => `http://127.0.0.1:${server.port}`);
    const signed = await signInCast(cast, urls);
    const cpu = clusterCpuReaders(cluster, backend);
    results.push(...(await crossServerRows(ctx, GROUP, sizes, { urls, signed, backend: backend.description, cpu })));
    results.push(...(await clusterPushRows(ctx, { cluster, backend, members: signed, total: sizes.pushes, runs: sizes.pushRuns, group: GROUP })));
  } finally {
    await cluster?.stop();
    await backend.stop();
  }
  try {
    results.push(...(await embeddedRows(ctx, GROUP, sizes)));
  } catch (error) {
    results.push(missingResult('cluster.embedded', GROUP, 'reference, embedded server', 'ms', (error as Error).message));
  }
  return results;
}
