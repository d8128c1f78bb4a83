/**
 * The one writer of the Redis index: while this server holds the lease, it follows each CouchDB database's
 * changes from the checkpoint kept in Redis and runs one script per change. Another server takes over when the
 * lease lapses; repeated changes (a rewound feed, a takeover) are no-ops. It answers a catch-up request once a
 * page read after it was asked came back short.
 */
import { randomBytes } from 'node:crypto';
import { COLLECTIONS, type CollectionName } from '../../app/model/constants';
import type { Logger } from '../logger';
import type { RedisConnection } from './redis-connection';
import { HOLD_LEASE, INDEX_CHANGE, RELEASE_LEASE } from './redis-index-scripts';
import type { ChangeResult } from './storage-engine';
import type { Storage } from './storage';

/** How long a lease lasts unless renewed, and how often it is renewed (or tried for). */
const LEASE_MS = 6_000;
const RENEW_MS = 2_000;
const BATCH = 200;
const RETRY_MS = 1_000;
/** How long one held request of the feed waits for a change before it is renewed. */
const WAIT_MS = 25_000;

/** The follower of one server: it runs while the lease is held. */
export interface IndexFollower {
  /** Asks for a read of `collection` at once (a server asked to catch up, or Redis came back). */
  kick(collection: CollectionName): void;
  /** Whether this server writes the index now. */
  isLeader(): boolean;
  close(): Promise<void>;
}

/** Keys and channels shared by the reader and the follower. */
export const redisKeys = (prefix: string) => ({
  events: `${prefix}:events`,
  lease: `${prefix}:index-leader`,
  asked: (collection: CollectionName) => `${prefix}:asked:${collection}`,
  checkpoint: (epoch: string, collection: CollectionName) => `${prefix}:${epoch}:ckpt:${collection}`,
});

/**
 * Indexes one revision (`customer` '' for a tombstone, `visible` '' to keep what was indexed): the new position,
 * 0 when that revision is indexed already, -1 when `epoch` is no longer in force.
 */
export function indexRevision(
  redis: RedisConnection,
  epoch: string,
  collection: CollectionName,
  revision: { id: string; rev: string; customer: string; visible: '1' | '0' | '' },
): Promise<number> {
  const { id, rev, customer, visible } = revision;
  return redis.script(INDEX_CHANGE, [], [redis.prefix, epoch, collection, id, rev, customer, visible]).then(Number);
}

/** Starts competing for the lease; `epoch()` gives the epoch in force (made anew when Redis lost its state). */
export function startIndexFollower(
  storage: Storage,
  redis: RedisConnection,
  epoch: () => Promise<string>,
  logger: Logger,
): IndexFollower {
  const keys = redisKeys(redis.prefix);
  const token = randomBytes(12).toString('hex');
  let leader = false;
  let closed = false;
  const running = new Map<CollectionName, Promise<void>>();
  /** The wait of each collection's current request, ended to make it read at once. */
  const waits = new Map<CollectionName, AbortController>();

  /**
   * Follows `collection` while this server leads: a page of changes after the checkpoint, indexed, then the next.
   * When nobody waits for a catch-up the request is a longpoll that brings the change with it (one CouchDB round
   * trip from a write to its index); a catch-up asked meanwhile ends the wait, and is answered by the first short
   * page read after it was asked.
   */
  async function follow(collection: CollectionName): Promise<void> {
    let answered = -1;
    while (leader && !closed) {
      const waiting = new AbortController();
      waits.set(collection, waiting);
      const answering = Number((await redis.command(['GET', keys.asked(collection)])) ?? 0);
      const current = await epoch();
      const checkpointKey = keys.checkpoint(current, collection);
      const since = (await redis.command(['GET', checkpointKey])) as string | null;
      const hold = answering === answered && !waiting.signal.aborted;
      let page: Awaited<ReturnType<Storage[CollectionName]['changes']>>;
      try {
        page = await storage[collection].changes({
          since, limit: BATCH, includeDocs: true, ...(hold && { wait: { ms: WAIT_MS, signal: waiting.signal } }),
        });
      } catch (error) {
        if (waiting.signal.aborted) continue; // a catch-up was asked, or this server stepped down
        throw error;
      }
      if (!leader || closed) return;
      const outcomes = await Promise.all(page.results.map((change) => indexChange(current, collection, change)));
      if (outcomes.includes(-1)) continue; // the epoch changed under us: start over in the new one
      if (page.results.length > 0) await redis.command(['SET', checkpointKey, page.lastSeq]);
      if (!hold && page.results.length < BATCH) {
        await redis.command(['PUBLISH', keys.events, `c\t${collection}\t${answering}`]);
        answered = answering;
      }
    }
  }

  function indexChange(current: string, collection: CollectionName, change: ChangeResult): Promise<number> {
    const doc = change.doc as { customerId?: unknown; visibility?: unknown } | undefined;
    const customer = !change.deleted && typeof doc?.customerId === 'string' ? doc.customerId : '';
    const visible = change.deleted ? '' : doc?.visibility === 'internal' ? '0' : '1';
    return indexRevision(redis, current, collection, { id: change.id, rev: change.rev, customer, visible });
  }

  /** Runs `follow` for `collection` unless it runs; when it does, ends its wait so that it reads at once. */
  function kick(collection: CollectionName): void {
    waits.get(collection)?.abort();
    if (!leader || closed || running.has(collection)) return;
    const run = follow(collection)
      .catch((error: unknown) => {
        if (closed) return;
        logger.error('redis index failed; retrying from its checkpoint', { collection, error });
        setTimeout(() => kick(collection), RETRY_MS).unref();
      })
      .finally(() => running.delete(collection));
    running.set(collection, run);
  }

  function lead(): void {
    leader = true;
    logger.info('this server now writes the redis index');
    for (const collection of COLLECTIONS) kick(collection);
  }

  function stepDown(): void {
    leader = false;
    for (const waiting of waits.values()) waiting.abort();
  }

  async function holdLease(): Promise<void> {
    if (closed) return;
    try {
      const held = Number(await redis.script(HOLD_LEASE, [keys.lease], [token, String(LEASE_MS)])) === 1;
      if (held && !leader) lead();
      if (!held && leader) stepDown();
    } catch (error) {
      // Without Redis the lease cannot be known to be ours: stop writing until it can.
      if (leader) stepDown();
      if (!closed) logger.warn('redis index lease could not be renewed', { error: (error as Error).message });
    }
  }

  void holdLease();
  const timer = setInterval(() => void holdLease(), RENEW_MS);
  timer.unref();

  return {
    kick,
    isLeader: () => leader,
    async close() {
      closed = true;
      clearInterval(timer);
      const wasLeader = leader;
      stepDown();
      await Promise.allSettled(running.values());
      if (wasLeader) await redis.script(RELEASE_LEASE, [keys.lease], [token]).catch(() => undefined);
    },
  };
}
