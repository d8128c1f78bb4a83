/**
 * The one writer of the Redis index: while this server holds the lease, it follows each CouchDB database's
 * changes from the checkpoint kept in Redis and runs one script per change. Another server takes over when the
 * lease lapses; repeated changes (a rewound feed, a takeover) are no-ops. It answers catch-up requests once a
 * pass over the feed found nothing new.
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

/** The follower of one server: it runs while the lease is held. */
export interface IndexFollower {
  /** Asks for a pass over `collection` (a change was seen, or a server asked to catch up). */
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
  const dirty = new Set<CollectionName>();
  const running = new Map<CollectionName, Promise<void>>();
  let stopWatching: Array<() => void> = [];

  async function pass(collection: CollectionName): Promise<void> {
    while (dirty.has(collection) && leader && !closed) {
      dirty.delete(collection);
      const answering = Number((await redis.command(['GET', keys.asked(collection)])) ?? 0);
      const current = await epoch();
      const checkpointKey = keys.checkpoint(current, collection);
      for (;;) {
        if (!leader || closed) return;
        const since = (await redis.command(['GET', checkpointKey])) as string | null;
        const page = await storage[collection].changes({ since, limit: BATCH, includeDocs: true });
        if (page.results.length === 0) break;
        const outcomes = await Promise.all(page.results.map((change) => indexChange(current, collection, change)));
        if (outcomes.includes(-1)) {
          dirty.add(collection); // the epoch changed under us: start over in the new one
          break;
        }
        await redis.command(['SET', checkpointKey, page.lastSeq]);
        // A short page ended the feed as it was: asking again would cost every wake-up a round trip to CouchDB.
        // A change written since then is not missed: its watch wake-up marks the collection dirty again.
        if (page.results.length < BATCH) break;
      }
      await redis.command(['PUBLISH', keys.events, `c\t${collection}\t${answering}`]);
    }
  }

  function indexChange(current: string, collection: CollectionName, change: ChangeResult): Promise<number> {
    const doc = change.doc as { customerId?: unknown; visibility?: unknown } | undefined;
    const customer = !change.deleted && typeof doc?.customerId === 'string' ? doc.customerId : '';
    const visible = change.deleted ? '' : doc?.visibility === 'internal' ? '0' : '1';
    return redis
      .script(INDEX_CHANGE, [], [redis.prefix, current, collection, change.id, change.rev, customer, visible])
      .then(Number);
  }

  function kick(collection: CollectionName): void {
    dirty.add(collection);
    if (!leader || closed || running.has(collection)) return;
    const run = pass(collection)
      .catch((error: unknown) => {
        if (closed) return;
        logger.error('redis index failed; retrying from its checkpoint', { collection, error });
        dirty.add(collection);
        setTimeout(() => kick(collection), RETRY_MS).unref();
      })
      .finally(() => {
        running.delete(collection);
        if (dirty.has(collection) && leader && !closed) kick(collection);
      });
    running.set(collection, run);
  }

  function lead(): void {
    leader = true;
    logger.info('this server now writes the redis index');
    stopWatching = COLLECTIONS.map((collection) =>
      storage[collection].watch(
        () => kick(collection),
        (error) => {
          if (!closed) logger.error('redis index lost its changes feed', { collection, error });
        },
      ),
    );
    for (const collection of COLLECTIONS) kick(collection);
  }

  function stepDown(): void {
    leader = false;
    for (const stop of stopWatching) stop();
    stopWatching = [];
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
