/**
 * The connection to Redis in cluster mode: one client for commands and scripts, one for subscriptions, both
 * reconnecting on their own once they have connected. Start-up fails (one line) when Redis cannot be reached.
 */
import { createClient } from 'redis';
import type { Logger } from '../logger';

/** Raw Redis replies as scripts and commands give them. */
export type RedisReply = string | number | null | RedisReply[];

/** An open connection to Redis. */
export interface RedisConnection {
  /** The key prefix of this portal (several portals may share one Redis). */
  prefix: string;
  /** Runs one command (`['GET', key]`). */
  command(args: readonly string[]): Promise<RedisReply>;
  /** Runs a Lua script with its keys and arguments. */
  script(source: string, keys: readonly string[], args: readonly string[]): Promise<RedisReply>;
  /** Subscribes `listener` to `channel`; resolves once subscribed. */
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  /** Calls `listener` each time the command client (re)connects after the first time: Redis may have restarted. */
  onReconnect(listener: () => void): () => void;
  /** The id of the Redis process now: it changes whenever Redis restarts (and so may have lost or restored state). */
  runId(): Promise<string>;
  /** Whether Redis answers now (for health checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown when Redis cannot be reached at start-up. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

const CONNECT_ATTEMPTS = 4;

/** Connects to `url`; `prefix` names this portal's keys. */
export async function openRedis(url: string, prefix: string, logger: Logger): Promise<RedisConnection> {
  let connectedOnce = false;
  const reconnectStrategy = (retries: number, cause: Error): number | Error => {
    if (!connectedOnce && retries >= CONNECT_ATTEMPTS) return new RedisUnreachableError(cause.message || 'connection refused');
    return Math.min(50 * 2 ** retries, 2_000);
  };
  const client = createClient({ url, socket: { reconnectStrategy, connectTimeout: 5_000 } });
  const subscriber = client.duplicate();
  let lastError = '';
  for (const each of [client, subscriber]) {
    each.on('error', (error: Error) => {
      // The client reconnects by itself; say so once per kind of failure, not on every retry.
      if (connectedOnce && error.message !== lastError) logger.warn('redis connection trouble', { error: error.message });
      lastError = error.message;
    });
  }
  const reconnectListeners = new Set<() => void>();
  client.on('ready', () => {
    if (connectedOnce) for (const listener of reconnectListeners) listener();
  });
  try {
    await client.connect();
    await subscriber.connect();
  } catch (error) {
    client.destroy();
    subscriber.destroy();
    throw new RedisUnreachableError(error instanceof Error ? error.message : String(error));
  }
  connectedOnce = true;
  const command = (args: readonly string[]) => client.sendCommand([...args]) as Promise<RedisReply>;
  return {
    prefix,
    command,
    script: (source, keys, args) => command(['EVAL', source, String(keys.length), ...keys, ...args]),
    subscribe: (channel, listener) => subscriber.subscribe(channel, (message: string) => listener(message)),
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => void reconnectListeners.delete(listener);
    },
    async runId() {
      const info = String(await command(['INFO', 'server']));
      const match = /run_id:([0-9a-f]+)/.exec(info);
      if (!match) throw new Error('Redis INFO did not give a run_id');
      return match[1]!;
    },
    async ping() {
      try {
        return (await command(['PING'])) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      reconnectListeners.clear();
      await Promise.allSettled([client.close(), subscriber.close()]);
    },
  };
}
