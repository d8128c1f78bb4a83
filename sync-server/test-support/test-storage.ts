/**
 * Where test apps keep their data: memory, or, in the `server-couchdb` projects, fresh databases (a unique
 * prefix, dropped on close) on the CouchDB their global set-up provides, with the index in its Redis.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { ServerConfig } from '../config';
import type { StorageLocation } from '../services/storage';

/** The CouchDB URL of this test project, if it runs over CouchDB. */
export function testCouchUrl(): string | undefined {
  return inject('couchdbUrl');
}

/** The URL of the same CouchDB whose feeds now and then rewind (the real one when testing against it). */
export function rewindingCouchUrl(): string {
  return inject('rewindingCouchdbUrl');
}

/** A storage location for one test app: on `url` when given, else this project's store. */
export function testStorageLocation(url = testCouchUrl()): StorageLocation {
  if (!url) return { kind: 'memory' };
  return { kind: 'couchdb', url, prefix: `harbor_test_${randomBytes(6).toString('hex')}_`, dropOnClose: true };
}

/** The storage (and, over CouchDB, the Redis) of a test app in this project. */
export function testStorageConfig(): Pick<ServerConfig, 'storage' | 'redisUrl'> {
  const storage = testStorageLocation();
  return storage.kind === 'couchdb' ? { storage, redisUrl: inject('redisUrl') } : { storage };
}
