/** Keeps track of open feeds (longpolls, event streams) so shutdown can end them and tests can count them. */
import type { Storage } from './storage';

/** The open feeds of one `/db` router. */
export interface FeedHub {
  /** Registers an open feed with the function that ends it; returns the function to call once it ended. */
  add(end: () => void): () => void;
  /** How many feeds are open right now. */
  openCount(): number;
  /** How many listeners the scope index holds (each open feed holds one; none may be left behind). */
  indexListenerCount(): number;
  /** Ends every open feed (shutdown). */
  endAll(): void;
}

const hubs = new WeakMap<Storage, FeedHub>();

/** Creates the hub of the router over `storage`; `indexListeners` reports the scope index's listener count. */
export function createFeedHub(storage: Storage, indexListeners: () => number): FeedHub {
  const open = new Set<() => void>();
  const hub: FeedHub = {
    add(end) {
      open.add(end);
      return () => void open.delete(end);
    },
    openCount: () => open.size,
    indexListenerCount: indexListeners,
    endAll() {
      for (const end of [...open]) end();
    },
  };
  hubs.set(storage, hub);
  return hub;
}

/** The hub of the router serving `storage` (tests reach it through the app's storage). */
export function feedHubFor(storage: Storage): FeedHub | undefined {
  return hubs.get(storage);
}
