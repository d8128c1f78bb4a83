/** A feed index for tests: its pages are `entries()` (all of epoch `e1`), and `wake` sends its wake-ups. */
import type { CollectionName } from '../../app/model/constants';
import type { FeedIndex, IndexedBatch, IndexEntry } from '../services/feed-index';

/** The index and the way to wake its listeners for one customer's change. */
export function fakeFeedIndex(entries: () => IndexEntry[]): { index: FeedIndex; wake(collection: CollectionName, customerId: string): void } {
  const listeners = new Set<(batch: IndexedBatch) => void>();
  const index: FeedIndex = {
    catchUp: async () => undefined,
    indexWritten: async () => undefined,
    readPage: async (_collection, _customer, since) => {
      const after = since.kind === 'position' ? since.n : 0;
      const page = entries().filter((entry) => entry.position > after);
      return { entries: page, next: { kind: 'position', n: page.at(-1)?.position ?? after, epoch: 'e1' } };
    },
    endCursor: async () => ({ kind: 'position', n: 0, epoch: 'e1' }),
    onIndexed: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
    close: async () => undefined,
  };
  return {
    index,
    wake: (collection, customerId) => listeners.forEach((listener) => listener({ collection, position: 1, customerIds: new Set([customerId]) })),
  };
}
