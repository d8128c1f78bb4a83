/** Several real sync-server processes (`sync-server/main.ts`) over one CouchDB and one Redis, for the cluster suites. */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import nano from 'nano';
import { freePort } from '../test-support/free-port';
import { finished, killGroup, spawnTsx, waitForOutput } from '../test-support/spawn-tsx';

/** One server process of the cluster. */
export interface ClusterServer {
  port: number;
  /** The process group of the server now running (tsx and the node it starts), for a bench reading its CPU time. */
  pid(): number;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

/** The servers and what they share. */
export interface Cluster {
  servers: ClusterServer[];
  /** The databases' prefix (unique per cluster, so suites never share data). */
  prefix: string;
  stop(): Promise<void>;
}

/** The origin the portal is reached at through the balancer (every server is told the same). */
export const CLUSTER_ORIGIN = 'http://127.0.0.1:8080';

/** The session secret every server of a test cluster signs with. */
export const CLUSTER_SECRET = 'cluster-suite-secret-0123456789';

/** Starts one server on `port` (chosen here: behind the balancer it announces the shared PUBLIC_URL, not its port). */
async function launch(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawnTsx('sync-server/main.ts', [], { ...env, PORT: String(port) });
  await waitForOutput(child, /is serving /);
  return { child, port };
}

/** How a test cluster differs from the default: the balancer's origin (a browser's), and the demo seeded. */
export interface ClusterOptions {
  publicUrl?: string;
  seedDemo?: boolean;
}

/** Starts `count` servers at once over `couchdbUrl` and `redisUrl`. */
export async function startCluster(count: number, couchdbUrl: string, redisUrl: string, options: ClusterOptions = {}): Promise<Cluster> {
  const prefix = `harbor_cluster_${randomBytes(5).toString('hex')}_`;
  const env = {
    COUCHDB_URL: couchdbUrl,
    COUCHDB_DB_PREFIX: prefix,
    REDIS_URL: redisUrl,
    SESSION_SECRET: CLUSTER_SECRET,
    HOST: '127.0.0.1',
    PUBLIC_URL: options.publicUrl ?? CLUSTER_ORIGIN,
    SEED_DEMO: options.seedDemo ? '1' : '0',
    NODE_ENV: 'production',
  };
  const started = await Promise.all(Array.from({ length: count }, async () => launch(env, await freePort())));
  const children = started.map((each) => each.child);
  const servers = started.map((first, i): ClusterServer => ({
    port: first.port,
    pid: () => children[i]!.pid!,
    async kill() {
      const exited = finished(children[i]!);
      killGroup(children[i]!);
      await exited;
    },
    async restart() {
      children[i] = (await launch(env, first.port)).child;
    },
  }));
  return {
    servers,
    prefix,
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = finished(child);
          child.kill('SIGTERM');
          const timer = setTimeout(() => killGroup(child), 10_000);
          await exited;
          clearTimeout(timer);
        }),
      );
      // Drop the cluster's databases (a real CouchDB keeps them otherwise).
      const client = nano(couchdbUrl);
      for (const name of await client.db.list()) if (name.startsWith(prefix)) await client.db.destroy(name);
    },
  };
}
