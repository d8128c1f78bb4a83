/**
 * The per-customer sequence index (ARCHITECTURE.md "Scoped feeds"): follows each database's own changes feed
 * in order, catches up from its persisted checkpoint on start-up, and tells waiting feeds what it indexed.
 */
import { EventEmitter } from 'node:events';
import { COLLECTIONS, type CollectionName } from '../../app/model/constants';
import type { Logger } from '../logger';
import { indexBatch, readCheckpoint, type IndexedBatch } from './scope-index-batch';
import { entryPrefix, padSeq, type EntryDoc } from './scope-index-keys';
import type { Storage } from './storage';

export type { IndexedBatch };

/** How long the index waits before retrying after a failed batch. */
const RETRY_MS = 1_000;

/** One entry of a customer's range: the document changed at `seq`. */
export interface IndexEntry {
  seq: number;
  docId: string;
}

/** The running index of both replicated databases. */
export interface ScopeIndex {
  /** The last seq indexed for `collection` (everything up to it is in the index). */
  indexedSeq(collection: CollectionName): number;
  /** Resolves once the index has reached `seq` (or `timeoutMs` passed); returns the seq it has reached. */
  waitUntilIndexed(collection: CollectionName, seq: number, timeoutMs: number): Promise<number>;
  /** Reads a customer's entries in `(since, ∞)`, oldest first, at most `limit`. */
  readRange(collection: CollectionName, customerId: string, since: number, limit: number): Promise<IndexEntry[]>;
  /** Calls `listener` after each indexed batch; returns the unsubscribe function. */
  onIndexed(listener: (batch: IndexedBatch) => void): () => void;
  /** How many `onIndexed` listeners are attached (tests assert none is left behind). */
  listenerCount(): number;
  /** Stops following; an unfinished catch-up resumes from the checkpoint on the next start. */
  close(): Promise<void>;
}

/** Options for tests: a small batch makes "stopped mid-way" observable. */
export interface ScopeIndexOptions {
  batchSize?: number;
}

/** Opens the index over `storage`, catches up on both databases and follows them; resolves once caught up. */
export async function startScopeIndex(
  storage: Storage,
  logger: Logger,
  options: ScopeIndexOptions = {},
): Promise<ScopeIndex> {
  const batchSize = options.batchSize ?? 200;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const seqs = new Map<CollectionName, number>();
  const dirty = new Set<CollectionName>();
  const running = new Map<CollectionName, Promise<void>>();
  let closed = false;

  for (const collection of COLLECTIONS) seqs.set(collection, await readCheckpoint(storage.scopeIndex, collection));

  async function drain(collection: CollectionName): Promise<void> {
    while (dirty.has(collection) && !closed) {
      dirty.delete(collection);
      for (;;) {
        if (closed) return;
        const batch = await indexBatch(storage[collection], storage.scopeIndex, collection, seqs.get(collection) ?? 0, batchSize);
        if (!batch) break;
        seqs.set(collection, batch.seq);
        events.emit('indexed', batch);
      }
    }
  }

  function kick(collection: CollectionName): Promise<void> {
    dirty.add(collection);
    const current = running.get(collection);
    if (current) return current;
    const run = drain(collection)
      .catch((error: unknown) => {
        if (closed) return;
        logger.error('scope index failed; retrying from its checkpoint', { collection, error });
        setTimeout(() => void (closed || kick(collection)), RETRY_MS).unref();
      })
      .finally(() => {
        running.delete(collection);
        if (dirty.has(collection) && !closed) void kick(collection);
      });
    running.set(collection, run);
    return run;
  }

  // Follow first, then catch up, so that no change falls between the two.
  const feeds = COLLECTIONS.map((collection) => {
    const feed = storage[collection].changes({ since: 'now', live: true });
    feed.on('change', () => void kick(collection));
    feed.on('error', (error: unknown) => {
      if (!closed) logger.error('scope index lost its changes feed', { collection, error });
    });
    return feed;
  });
  await Promise.all(COLLECTIONS.map((collection) => kick(collection)));

  return {
    indexedSeq: (collection) => seqs.get(collection) ?? 0,
    waitUntilIndexed(collection, seq, timeoutMs) {
      if ((seqs.get(collection) ?? 0) >= seq || closed) return Promise.resolve(seqs.get(collection) ?? 0);
      void kick(collection);
      return new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          events.off('indexed', onBatch);
          resolve(seqs.get(collection) ?? 0);
        };
        const onBatch = (batch: IndexedBatch): void => {
          if (batch.collection === collection && batch.seq >= seq) done();
        };
        const timer = setTimeout(done, timeoutMs);
        events.on('indexed', onBatch);
      });
    },
    async readRange(collection, customerId, since, limit) {
      const prefix = entryPrefix(collection, customerId);
      const result = await storage.scopeIndex.allDocs({
        startkey: prefix + padSeq(since + 1),
        endkey: prefix + '9'.repeat(16),
        include_docs: true,
        limit,
      });
      return result.rows.map((row) => {
        const entry = row.doc as unknown as EntryDoc;
        return { seq: entry.seq, docId: entry.docId };
      });
    },
    onIndexed(listener) {
      events.on('indexed', listener);
      return () => events.off('indexed', listener);
    },
    listenerCount: () => events.listenerCount('indexed'),
    async close() {
      closed = true;
      for (const feed of feeds) feed.cancel();
      await Promise.all(running.values());
    },
  };
}
