/** Keeps track of open feeds (longpolls, event streams) so shutdown can end them and tests can count them. */
import type { ServerResponse } from 'node:http';
import type { Storage } from './storage';

/** How long shutdown waits for ended feeds' answers to go out (the session middleware writes on the way). */
const DRAIN_MS = 5_000;

/** The open feeds of one `/db` router. */
export interface FeedHub {
  /** Registers an open feed with the function that ends it; returns the function to call once it ended. */
  add(end: () => void): () => void;
  /** How many feeds are open right now. */
  openCount(): number;
  /** How many listeners the scope index holds (each open feed holds one; none may be left behind). */
  indexListenerCount(): number;
  /** Remembers a feed's response until it has gone out, so that shutdown can wait for it. */
  trackResponse(res: ServerResponse): void;
  /** Ends every open feed and waits for their answers to go out (shutdown, before storage closes). */
  endAll(): Promise<void>;
}

const hubs = new WeakMap<Storage, FeedHub>();

/** Creates the hub of the router over `storage`; `indexListeners` reports the scope index's listener count. */
export function createFeedHub(storage: Storage, indexListeners: () => number): FeedHub {
  const open = new Set<() => void>();
  const responses = new Set<ServerResponse>();
  const hub: FeedHub = {
    add(end) {
      open.add(end);
      return () => void open.delete(end);
    },
    openCount: () => open.size,
    indexListenerCount: indexListeners,
    trackResponse(res) {
      responses.add(res);
      res.once('close', () => responses.delete(res));
    },
    async endAll() {
      for (const end of [...open]) end();
      const pending = [...responses].map((res) => new Promise((resolve) => res.once('close', resolve)));
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)));
      await Promise.race([Promise.all(pending), cap]);
      clearTimeout(timer);
    },
  };
  hubs.set(storage, hub);
  return hub;
}

/** The hub of the router serving `storage` (tests reach it through the app's storage). */
export function feedHubFor(storage: Storage): FeedHub | undefined {
  return hubs.get(storage);
}
