/**
 * Wake-ups for the collections only agents read and only the server writes (`deliveries`): no customer reads them,
 * so the per-customer index does not follow them; each server watches their own changes feed instead (in cluster
 * mode CouchDB's, which also sees what another server wrote) and wakes its agents' longpolls and event streams
 * through the index's `onIndexed`, as a batch of anyone's.
 */
import { AGENT_READ_COLLECTIONS } from '../../app/model/constants';
import type { Logger } from '../logger';
import type { FeedIndex, IndexedBatch } from './feed-index';
import type { Storage } from './storage';

/** `index`, whose `onIndexed` also tells of every write to an agent-read collection; `close` stops those watches. */
export function withAgentReadFeeds(index: FeedIndex, storage: Storage, logger: Logger): FeedIndex {
  const listeners = new Set<(batch: IndexedBatch) => void>();
  let closed = false;
  const stops = AGENT_READ_COLLECTIONS.map((collection) =>
    storage[collection].watch(
      () => {
        for (const listener of [...listeners]) listener({ collection, position: 0, customerIds: null });
      },
      (error) => {
        if (!closed) logger.error('lost the changes feed of a collection agents read', { collection, error });
      },
    ),
  );
  return {
    catchUp: (collection, timeoutMs) => index.catchUp(collection, timeoutMs),
    indexWritten: (collection, docs) => index.indexWritten(collection, docs),
    readPage: (collection, customerId, since, limit) => index.readPage(collection, customerId, since, limit),
    endCursor: (collection, customerId) => index.endCursor(collection, customerId),
    onIndexed(listener) {
      const stop = index.onIndexed(listener);
      listeners.add(listener);
      return () => {
        stop();
        listeners.delete(listener);
      };
    },
    // Each feed holds one listener in both; the index's count stays the one that tests and the hub read.
    listenerCount: () => index.listenerCount(),
    async close() {
      closed = true;
      for (const stop of stops) stop();
      listeners.clear();
      await index.close();
    },
  };
}
