/**
 * Global set-up of the `server-couchdb` test project: the server's suites run over the CouchDB engine, against
 * pouchdb-server (in memory) behind the opaque-seq proxy, both started here on free loopback ports and stopped after.
 * `couchdbUrl` only makes seqs opaque (suites that assert exact pages); `rewindingCouchdbUrl` also rewinds feeds.
 * A real redis-server holds the apps' shared index (each app has its own key prefix).
 */
import type { TestProject } from 'vitest/node';
import { startPouchServer } from '../../bench/support/pouchdb-server-process';
import { startOpaqueSeqProxy } from './opaque-seq-proxy';
import { startRedis } from './redis-process';

declare module 'vitest' {
  export interface ProvidedContext {
    couchdbUrl: string;
    rewindingCouchdbUrl: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis();
  project.provide('redisUrl', redis.url);
  const pouch = await startPouchServer({ inMemory: true });
  const proxy = await startOpaqueSeqProxy(pouch.baseUrl, { rewind: false });
  const rewinding = await startOpaqueSeqProxy(pouch.baseUrl, { rewind: true });
  project.provide('couchdbUrl', proxy.url);
  project.provide('rewindingCouchdbUrl', rewinding.url);
  return async () => {
    await proxy.close();
    await rewinding.close();
    await pouch.stop();
    await redis.stop();
  };
}
