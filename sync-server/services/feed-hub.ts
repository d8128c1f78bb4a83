/**
 * Keeps track of open feeds (longpolls, event streams) so shutdown can end them, a session or a user past its cap
 * has its oldest ended, and tests can count them.
 */
import type { ServerResponse } from 'node:http';
import { createFeedCaps, type FeedLimits, type FeedOwner } from './feed-caps';
import type { Storage } from './storage';

/** How long shutdown waits for ended feeds' answers to go out (the session middleware writes on the way). */
const DRAIN_MS = 5_000;

/** The open feeds of one `/db` router. */
export interface FeedHub {
  /**
   * Registers an open feed of `owner` with the function that ends it; returns the function to call once it ended.
   * Past the owner's session or user cap, the oldest feed of that session or user is ended at once.
   */
  add(end: () => void, owner: FeedOwner): () => void;
  /** How many feeds are open right now. */
  openCount(): number;
  /** How many sessions and users hold an open feed (each ended feed leaves none behind). */
  ownerCount(): number;
  /** How many listeners the scope index holds (each open feed holds one; none may be left behind). */
  indexListenerCount(): number;
  /** Remembers a feed's response until it has gone out, so that shutdown can wait for it. */
  trackResponse(res: ServerResponse): void;
  /** Ends every open feed and waits for their answers to go out (shutdown, before storage closes). */
  endAll(): Promise<void>;
}

const hubs = new WeakMap<Storage, FeedHub>();

/**
 * Creates the hub of the router over `storage`; `indexListeners` reports the scope index's listener count, and
 * `limits` cap the feeds of one session and of one user.
 */
export function createFeedHub(storage: Storage, indexListeners: () => number, limits: FeedLimits): FeedHub {
  const open = new Set<() => void>();
  const caps = createFeedCaps<() => void>(limits);
  const responses = new Set<ServerResponse>();
  const forget = (end: () => void): void => {
    open.delete(end);
    caps.close(end);
  };
  const hub: FeedHub = {
    add(end, owner) {
      open.add(end);
      for (const oldest of caps.open(end, owner)) {
        forget(oldest);
        oldest();
      }
      return () => forget(end);
    },
    openCount: () => open.size,
    ownerCount: () => caps.groupCount(),
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
