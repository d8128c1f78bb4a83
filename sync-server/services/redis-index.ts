/**
 * The per-customer index of several servers over CouchDB, kept in Redis (ARCHITECTURE.md "Growing past one
 * machine"): every server reads customers' pages from it and wakes its own feeds on what the index publishes;
 * the lease holder writes it (redis-index-follower). A customer's cursor is `{epoch}-{n}`: after Redis lost or
 * restored its state the epoch is new, and a cursor of another epoch starts that device over.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { COLLECTIONS, type CollectionName } from '../../app/model/constants';
import type { Logger } from '../logger';
import type { Cursor } from './feed-cursor';
import type { FeedIndex, IndexedBatch, IndexEntry } from './feed-index';
import type { RedisConnection, RedisReply } from './redis-connection';
import { indexRevision, redisKeys, startIndexFollower } from './redis-index-follower';
import { ENSURE_EPOCH, READ_PAGE } from './redis-index-scripts';
import type { Storage } from './storage';

/** A catch-up waits at most this long for the index writer (it may be changing hands). */
const CATCH_UP_CAP_MS = 5_000;

const isCollection = (value: string): value is CollectionName => (COLLECTIONS as readonly string[]).includes(value);

/** Starts the Redis index over `storage`; resolves once this server listens to the index's events. */
export async function startRedisIndex(storage: Storage, redis: RedisConnection, logger: Logger): Promise<FeedIndex> {
  const keys = redisKeys(redis.prefix);
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let epochInForce: Promise<string> | undefined;
  let closed = false;

  /** The epoch in force, made anew when Redis has none or restarted since it was made. */
  function ensureEpoch(): Promise<string> {
    const made = (async () => {
      const runId = await redis.runId();
      return String(await redis.script(ENSURE_EPOCH, [], [redis.prefix, runId, randomBytes(6).toString('hex')]));
    })();
    epochInForce = made;
    made.catch(() => {
      if (epochInForce === made) epochInForce = undefined;
    });
    return made;
  }
  const epoch = (): Promise<string> => epochInForce ?? ensureEpoch();

  await ensureEpoch();
  const follower = startIndexFollower(storage, redis, epoch, logger);
  const stopReconnect = redis.onReconnect(() => {
    // Redis may have restarted empty or from an older snapshot: settle the epoch, then index again.
    void ensureEpoch().then(() => COLLECTIONS.forEach((collection) => follower.kick(collection)), () => undefined);
  });

  await redis.subscribe(keys.events, (message) => {
    const [kind, ...fields] = message.split('\t');
    if (kind === 'i') {
      const [, collection, customerId, n] = fields;
      if (collection && isCollection(collection)) {
        events.emit('indexed', { collection, position: Number(n), customerIds: new Set([customerId!]) } satisfies IndexedBatch);
      }
    } else if (kind === 'c') {
      const [collection, answered] = fields;
      events.emit('caught-up', collection, Number(answered));
    } else if (kind === 'a') {
      const [collection] = fields;
      if (collection && isCollection(collection)) follower.kick(collection);
    }
  });

  async function readPage(collection: CollectionName, customerId: string, since: Cursor, limit: number) {
    const cursorEpoch = since.kind === 'position' ? (since.epoch ?? '') : '';
    const after = since.kind === 'position' ? since.n : 0;
    const args = [redis.prefix, collection, customerId, cursorEpoch, String(after), String(limit)];
    let reply = (await redis.script(READ_PAGE, [], args)) as RedisReply[] | null;
    if (reply === null) {
      await ensureEpoch(); // Redis lost everything (FLUSHALL, a restart): a new, empty index
      reply = (await redis.script(READ_PAGE, [], args)) as RedisReply[] | null;
    }
    if (reply === null) return { epoch: '', counter: 0, after: 0, entries: [] as IndexEntry[] };
    const [current, counter, used, ...rows] = reply;
    const entries: IndexEntry[] = [];
    for (let i = 0; i + 2 < rows.length; i += 3) {
      entries.push({ docId: String(rows[i]), position: Number(rows[i + 1]), rev: String(rows[i + 2]) });
    }
    return { epoch: String(current), counter: Number(counter), after: Number(used), entries };
  }

  return {
    catchUp(collection, timeoutMs) {
      return new Promise((resolve) => {
        let ticket = Number.POSITIVE_INFINITY;
        const done = (): void => {
          clearTimeout(timer);
          events.off('caught-up', onCaughtUp);
          events.off('closed', done);
          resolve();
        };
        const onCaughtUp = (which: string, answered: number): void => {
          if (which === collection && answered >= ticket) done();
        };
        const timer = setTimeout(done, Math.min(timeoutMs, CATCH_UP_CAP_MS));
        events.on('caught-up', onCaughtUp);
        events.once('closed', done);
        redis
          .command(['INCR', keys.asked(collection)])
          .then((n) => {
            ticket = Number(n);
            return redis.command(['PUBLISH', keys.events, `a\t${collection}`]);
          })
          .catch(done);
      });
    },
    async indexWritten(collection, docs) {
      try {
        const current = await epoch();
        await Promise.all(docs.map(({ id, rev, customerId, visible }) =>
          indexRevision(redis, current, collection, { id, rev, customer: customerId, visible: visible ? '1' : '0' })));
      } catch (error) {
        // The index writer takes the write in from CouchDB's feed instead, a moment later.
        logger.warn('a write could not be indexed at once', { collection, error: (error as Error).message });
      }
    },
    async readPage(collection, customerId, since, limit) {
      const page = await readPage(collection, customerId, since, limit);
      const n = page.entries.length === limit ? page.entries[page.entries.length - 1]!.position : Math.max(page.after, page.counter);
      return { entries: page.entries, next: { kind: 'position', n, epoch: page.epoch } };
    },
    async endCursor(collection, customerId) {
      const page = await readPage(collection, customerId, { kind: 'start' }, 0);
      return { kind: 'position', n: page.counter, epoch: page.epoch };
    },
    onIndexed(listener) {
      events.on('indexed', listener);
      return () => events.off('indexed', listener);
    },
    listenerCount: () => events.listenerCount('indexed'),
    async close() {
      if (closed) return;
      closed = true;
      stopReconnect();
      events.emit('closed');
      await follower.close();
    },
  };
}
