/**
 * Write throttling: the documents each user sends to `_bulk_docs` in a fixed window, counted in express-rate-limit's
 * MemoryStore, or in cluster mode in rate-limit-redis's store, so that every server adds to one count. Documents, not
 * requests: a write's cost (checks, storage, the index, every feed it wakes) grows with its documents. A batch goes
 * through whole while the user's count before it is under the limit, so any batch passes in a fresh window; past
 * it the batch is refused whole, 429 with Retry-After, and RxDB sends it again after its retry pause.
 */
import { MemoryStore, type Options, type Store } from 'express-rate-limit';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { RedisConnection } from '../services/redis-connection';
import { HttpError } from './http-error';
import { redisCounterStore } from './redis-counter-store';

const REASON = 'Too many writes from this account at once. Nothing was lost: send them again after Retry-After.';

/** The write limit of one `/db` router. */
export interface WriteRateLimit {
  /** Counts a batch of `documents` (an empty one counts one) for `userId`; throws a 429 `HttpError` past the limit. */
  charge(userId: string, documents: number): Promise<void>;
  /** Stops the in-memory store's timer. */
  close(): void;
}

/**
 * Creates the limit from `writeLimitPerUser` and `writeWindowMs`. When the counters cannot be reached (Redis
 * away), writes go through uncounted and one warning says so: the limit protects the server, it never holds a
 * customer's write back for a fault of its own.
 */
export function createWriteRateLimit(
  config: Pick<ServerConfig, 'writeLimitPerUser' | 'writeWindowMs'>,
  logger: Logger,
  redis?: RedisConnection,
): WriteRateLimit {
  const store: Store = redis ? redisCounterStore(redis, 'writes') : new MemoryStore();
  const ready = Promise.resolve(store.init?.({ windowMs: config.writeWindowMs } as Options));
  ready.catch(() => undefined); // charge() meets the same rejection
  let failing = false;

  const count = async (userId: string, hits: number) => {
    await ready;
    // The stores count one hit at a time; a batch's hits go out together (to Redis in one pipelined write).
    const counts = await Promise.all(Array.from({ length: hits }, () => store.increment(userId)));
    return { total: Math.max(...counts.map((c) => c.totalHits)), resetTime: counts[0]?.resetTime };
  };
  return {
    async charge(userId, documents) {
      const hits = Math.max(1, documents);
      let counted: Awaited<ReturnType<typeof count>>;
      try {
        counted = await count(userId, hits);
        failing = false;
      } catch (error) {
        if (!failing) logger.warn('write throttling cannot count; writes go through uncounted', { error });
        failing = true;
        return;
      }
      if (counted.total - hits < config.writeLimitPerUser) return;
      const resetAt = counted.resetTime?.getTime() ?? Date.now() + config.writeWindowMs;
      const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      throw new HttpError(429, 'too_many_requests', REASON, { 'retry-after': String(seconds) });
    },
    close: () => void store.shutdown?.(),
  };
}
