/**
 * Global set-up of the `server-couchdb-real` test project: the same suites against the CouchDB at
 * `HARBOR_TEST_COUCHDB_URL`, with a redis-server started here.
 */
import type { TestProject } from 'vitest/node';
import './couchdb-global-setup';
import { startRedis } from './redis-process';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis();
  project.provide('couchdbUrl', process.env.HARBOR_TEST_COUCHDB_URL!);
  project.provide('rewindingCouchdbUrl', process.env.HARBOR_TEST_COUCHDB_URL!);
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
