/**
 * The per-customer sequence index (ARCHITECTURE.md "Scoped feeds"): follows each database's own changes feed,
 * catches up from its persisted checkpoint on start-up, and tells waiting feeds what it indexed. Positions are
 * the index's own numbers, one counter per collection, so a customer's `since` never depends on the store's seqs.
 */
import { EventEmitter } from 'node:events';
import { COLLECTIONS, type CollectionName } from '../../app/model/constants';
import type { Logger } from '../logger';
import type { FeedIndex, IndexedBatch, IndexEntry } from './feed-index';
import { positionOf } from './feed-cursor';
import { indexBatch, readCheckpoint, type Checkpoint } from './scope-index-batch';
import { entryPrefix, padSeq, type EntryDoc } from './scope-index-keys';
import type { Storage } from './storage';

export type { IndexedBatch, IndexEntry };

/** How long the index waits before retrying after a failed batch. */
const RETRY_MS = 1_000;

/** The embedded index: the feeds' index plus what its tests look at. */
export interface ScopeIndex extends FeedIndex {
  /** The last position indexed for `collection` (everything up to it is in the index). */
  indexedPosition(collection: CollectionName): number;
  /** Reads a customer's entries in `(after, ∞)`, oldest first, at most `limit`. */
  readRange(collection: CollectionName, customerId: string, after: number, limit: number): Promise<IndexEntry[]>;
}

/** Options for tests: a small batch makes "stopped mid-way" observable. */
export interface ScopeIndexOptions {
  batchSize?: number;
}

/** Per collection: where indexing stands, and which catch-up requests the last finished drain answered. */
interface CollectionState {
  checkpoint: Checkpoint;
  requested: number;
  answered: number;
  running?: Promise<void>;
  dirty: boolean;
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
  const states = new Map<CollectionName, CollectionState>();
  let closed = false;

  for (const collection of COLLECTIONS) {
    states.set(collection, { checkpoint: await readCheckpoint(storage.scopeIndex, collection), requested: 0, answered: 0, dirty: false });
  }
  const stateOf = (collection: CollectionName): CollectionState => states.get(collection)!;

  async function drain(collection: CollectionName): Promise<void> {
    const state = stateOf(collection);
    while (state.dirty && !closed) {
      state.dirty = false;
      const answering = state.requested;
      // Another server over the same store may have moved the checkpoint: start from the stored one.
      const stored = await readCheckpoint(storage.scopeIndex, collection);
      if (stored.rev !== state.checkpoint.rev) {
        const moved = stored.position > state.checkpoint.position;
        state.checkpoint = stored;
        if (moved) events.emit('indexed', { collection, position: stored.position, customerIds: null } satisfies IndexedBatch);
      }
      for (;;) {
        if (closed) return;
        const result = await indexBatch(storage[collection], storage.scopeIndex, collection, state.checkpoint, batchSize);
        if (!result) break;
        state.checkpoint = result.checkpoint;
        events.emit('indexed', result.batch);
      }
      state.answered = answering;
      events.emit('caught-up', collection);
    }
  }

  function kick(collection: CollectionName): void {
    const state = stateOf(collection);
    state.dirty = true;
    if (state.running) return;
    state.running = drain(collection)
      .catch((error: unknown) => {
        if (closed) return;
        logger.error('scope index failed; retrying from its checkpoint', { collection, error });
        setTimeout(() => void (closed || kick(collection)), RETRY_MS).unref();
      })
      .finally(() => {
        state.running = undefined;
        if (state.dirty && !closed) kick(collection);
      });
  }

  function catchUp(collection: CollectionName, timeoutMs: number): Promise<void> {
    const state = stateOf(collection);
    const ticket = ++state.requested;
    kick(collection);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        events.off('caught-up', onCaughtUp);
        events.off('closed', done);
        resolve();
      };
      const onCaughtUp = (which: CollectionName): void => {
        if (which === collection && state.answered >= ticket) done();
      };
      const timer = setTimeout(done, timeoutMs);
      events.on('caught-up', onCaughtUp);
      events.once('closed', done);
    });
  }

  // Follow first, then catch up, so that no change falls between the two.
  const stops = COLLECTIONS.map((collection) =>
    storage[collection].watch(
      () => kick(collection),
      (error) => {
        if (!closed) logger.error('scope index lost its changes feed', { collection, error });
      },
    ),
  );
  // Start-up waits for one catch-up of each collection; one that fails is logged and retried meanwhile.
  await Promise.all(COLLECTIONS.map((collection) => {
    kick(collection);
    return stateOf(collection).running;
  }));

  async function readRange(collection: CollectionName, customerId: string, after: number, limit: number): Promise<IndexEntry[]> {
    const prefix = entryPrefix(collection, customerId);
    const rows = await storage.scopeIndex.allDocs({
      startkey: prefix + padSeq(after + 1),
      endkey: prefix + '9'.repeat(16),
      includeDocs: true,
      limit,
    });
    return rows.flatMap((row) => {
      const entry = ('doc' in row ? row.doc : null) as unknown as EntryDoc | null;
      return entry ? [{ position: entry.seq, docId: entry.docId }] : [];
    });
  }

  return {
    indexedPosition: (collection) => stateOf(collection).checkpoint.position,
    catchUp,
    // In one process the store's own feed tells the index of a write at once (no round trip to save).
    indexWritten: async () => undefined,
    async readPage(collection, customerId, since, limit) {
      // Read the indexed position first: everything up to it is in the range read below.
      const upTo = stateOf(collection).checkpoint.position;
      // A position past the index's end is from an index that is gone (rebuilt): that device starts over.
      const after = positionOf(since) > upTo ? 0 : positionOf(since);
      const entries = (await readRange(collection, customerId, after, limit)).filter((entry) => entry.position <= upTo);
      const n = entries.length === limit ? entries[entries.length - 1]!.position : Math.max(after, upTo);
      return { entries, next: { kind: 'position', n } };
    },
    endCursor: async (collection) => ({ kind: 'position', n: stateOf(collection).checkpoint.position }),
    readRange,
    onIndexed(listener) {
      events.on('indexed', listener);
      return () => events.off('indexed', listener);
    },
    listenerCount: () => events.listenerCount('indexed'),
    async close() {
      closed = true;
      for (const stop of stops) stop();
      events.emit('closed');
      await Promise.all(COLLECTIONS.map((collection) => stateOf(collection).running));
    },
  };
}
