/**
 * In cluster mode the server that stores a write indexes it before answering, so the feeds of every server wake
 * without waiting for the index writer to see the write in CouchDB's feed. Shown with the index writer's lease
 * held by someone else, so that nothing but the write itself can have indexed it.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { ada, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { createLogger } from '../logger';
import { couch } from '../routes/db-test-helpers';
import { testStorageLocation } from '../test-support/test-storage';
import { writeDocuments } from './document-writer';
import type { FeedIndex, IndexedBatch } from './feed-index';
import { openRedis, type RedisConnection } from './redis-connection';
import { startRedisIndex } from './redis-index';
import { redisKeys } from './redis-index-follower';
import { openStorage, type Storage } from './storage';

const logger = createLogger({ silent: true });
let opened: { storage: Storage; redis: RedisConnection; index: FeedIndex } | undefined;

afterEach(async () => {
  await opened?.index.close();
  await opened?.redis.close();
  await opened?.storage.close();
  opened = undefined;
});

/** A storage and a Redis index whose writer is another (absent) server: it never follows CouchDB's feed. */
async function indexWithoutWriter() {
  const storage = await openStorage(testStorageLocation());
  const redis = await openRedis(inject('redisUrl'), `harbor-test-${randomBytes(6).toString('hex')}`, logger);
  await redis.command(['SET', redisKeys(redis.prefix).lease, 'another-server', 'PX', '600000']);
  const index = await startRedisIndex(storage, redis, logger);
  opened = { storage, redis, index };
  return opened;
}

describe('a write indexed by the server that stored it', () => {
  it('is in the customer’s page, and wakes feeds, when its write is answered', async () => {
    const { storage, index } = await indexWithoutWriter();
    const batches: IndexedBatch[] = [];
    index.onIndexed((batch) => batches.push(batch));
    const unindexed = couch(aTicket(ada, { id: newId() }));
    const indexed = couch(aTicket(ada, { id: newId() }));

    expect(await writeDocuments({ storage }, ada, 'tickets', [unindexed])).toMatchObject([{ ok: true }]);
    expect(await writeDocuments({ storage, index }, ada, 'tickets', [indexed])).toMatchObject([{ ok: true }]);

    const page = await index.readPage('tickets', ada.id, { kind: 'start' }, 10);
    // Only the write given the index is there: the index writer (not this server) has read nothing.
    expect(page.entries.map((entry) => entry.docId)).toEqual([indexed._id]);
    await expect.poll(() => batches.some((batch) => batch.collection === 'tickets' && batch.customerIds?.has(ada.id))).toBe(true);
  });

  it('is indexed once: the same revision seen again changes nothing', async () => {
    const { storage, index } = await indexWithoutWriter();
    const id = newId();
    const [result] = await writeDocuments({ storage, index }, ada, 'tickets', [couch(aTicket(ada, { id }))]);
    const rev = (result as { rev: string }).rev;
    const before = await index.endCursor('tickets', ada.id);
    await index.indexWritten('tickets', [{ id, rev, customerId: ada.id, visible: true }]);
    expect(await index.endCursor('tickets', ada.id)).toEqual(before);
  });
});
