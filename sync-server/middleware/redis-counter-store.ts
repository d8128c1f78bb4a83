/** The hit counters of a rate limit kept in Redis (cluster mode), so that every server adds to one count. */
import { RedisStore } from 'rate-limit-redis';
import type { RedisConnection } from '../services/redis-connection';

/** rate-limit-redis's store over this portal's Redis connection; `name` keeps each limit's counters apart. */
export function redisCounterStore(redis: RedisConnection, name: string): RedisStore {
  return new RedisStore({ prefix: `${redis.prefix}:${name}:`, sendCommand: (...args: string[]) => redis.command(args) as Promise<number> });
}
