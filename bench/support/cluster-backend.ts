// What cluster-mode bench suites run over: the CouchDB at HARBOR_BENCH_COUCHDB_URL, or pouchdb-server behind the opaque-seq proxy; and a Redis of their own.
import { fetchableServer } from '../../sync-server/services/storage-couchdb';
import { startOpaqueSeqProxy } from '../../sync-server/test-support/opaque-seq-proxy';
import { startRedis } from '../../sync-server/test-support/redis-process';
import { startPouchServer } from './pouchdb-server-process';

/** A running backend. */
export interface ClusterBackend {
  /** The CouchDB URL (with credentials) the sync servers and the seeding are given. */
  couchdbUrl: string;
  redisUrl: string;
  /** Apache CouchDB itself, not the stand-in (only CouchDB answers `_changes?filter=_selector`). */
  realCouch: boolean;
  /** Names the backend in notes, without credentials, e.g. "CouchDB 3.5.0, 3-node cluster". */
  description: string;
  /** The stand-in's pouchdb-server process (absent for a CouchDB this bench did not start). */
  pid?: number;
  stop(): Promise<void>;
}

/** Asks the CouchDB-like server at `url` (credentials in the URL go into the Authorization header); a JSON `body` makes it a POST. */
export async function couchJson<T>(url: string, path: string, body?: unknown): Promise<T> {
  const { base, authorization } = fetchableServer(url);
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(authorization && { authorization }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

async function realCouch(url: string): Promise<Pick<ClusterBackend, 'couchdbUrl' | 'realCouch' | 'description' | 'pid' | 'stop'>> {
  const welcome = await couchJson<{ version: string }>(url, '/');
  const { cluster_nodes: nodes } = await couchJson<{ cluster_nodes: string[] }>(url, '/_membership');
  const host = new URL(url).host;
  return { couchdbUrl: url, realCouch: true, description: `CouchDB ${welcome.version}, ${nodes.length}-node cluster at ${host}`, stop: async () => undefined };
}

async function standIn(): Promise<Pick<ClusterBackend, 'couchdbUrl' | 'realCouch' | 'description' | 'pid' | 'stop'>> {
  const pouch = await startPouchServer({ inMemory: true });
  const proxy = await startOpaqueSeqProxy(pouch.baseUrl, { rewind: false }).catch(async (error: unknown) => {
    await pouch.stop();
    throw error;
  });
  const { version } = await couchJson<{ version: string }>(pouch.baseUrl, '/');
  return {
    couchdbUrl: proxy.url,
    realCouch: false,
    description: `pouchdb-server ${version} (in memory) behind the opaque-seq proxy`,
    pid: pouch.pid,
    async stop() {
      await proxy.close();
      await pouch.stop();
    },
  };
}

/** Starts Redis and the CouchDB side: HARBOR_BENCH_COUCHDB_URL when set, else pouchdb-server and the proxy. */
export async function startClusterBackend(): Promise<ClusterBackend> {
  const redis = await startRedis();
  try {
    const url = process.env.HARBOR_BENCH_COUCHDB_URL;
    const couch = url ? await realCouch(url) : await standIn();
    return {
      ...couch,
      redisUrl: redis.url,
      async stop() {
        await couch.stop();
        await redis.stop();
      },
    };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}
