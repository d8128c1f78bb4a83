/**
 * What the feeds need of a per-customer index, whichever keeps it: the embedded scope index (in the store) or
 * the Redis index of several servers over CouchDB. A customer's pull reads their page from here, then only
 * those documents from the store.
 */
import type { CollectionName, FeedCollection } from '../../app/model/constants';
import type { Cursor } from './feed-cursor';

/** One entry of a customer's page: the document changed at `position` (to `rev`, when the index keeps it). */
export interface IndexEntry {
  position: number;
  docId: string;
  rev?: string;
}

/**
 * What one indexed batch touched: the position reached and whose entries changed (null: not known, anyone's). An
 * agent-read collection's batch (`agent-read-feeds.ts`) is a wake-up only: its position means nothing.
 */
export interface IndexedBatch {
  collection: FeedCollection;
  position: number;
  customerIds: Set<string> | null;
}

/** A document a server has just stored, as the index keeps it: whose it is and whether customers see it. */
export interface WrittenDoc {
  id: string;
  rev: string;
  customerId: string;
  visible: boolean;
}

/** A customer's page of entries after a cursor, and the cursor after it. */
export interface IndexPage {
  entries: IndexEntry[];
  next: Cursor;
}

/** The per-customer index the feeds read. */
export interface FeedIndex {
  /**
   * Resolves once the index has taken in every change stored before the call (or `timeoutMs` passed):
   * read-your-writes for a customer's pull.
   */
  catchUp(collection: CollectionName, timeoutMs: number): Promise<void>;
  /**
   * Takes in documents this server has just stored, before their write is answered, so that the feeds of
   * every server wake without waiting for the index to see them in the store's feed (where seeing them again
   * changes nothing). Never fails: a document it could not take in is taken in from the store's feed.
   */
  indexWritten(collection: CollectionName, docs: readonly WrittenDoc[]): Promise<void>;
  /** A customer's entries after `since` (from the start when `since` is another index's), oldest first, at most `limit`. */
  readPage(collection: CollectionName, customerId: string, since: Cursor, limit: number): Promise<IndexPage>;
  /** The cursor at the end of a customer's entries now (what `since=now` means for them). */
  endCursor(collection: CollectionName, customerId: string): Promise<Cursor>;
  /** Calls `listener` after each indexed change or batch; returns the unsubscribe function. */
  onIndexed(listener: (batch: IndexedBatch) => void): () => void;
  /** How many `onIndexed` listeners are attached (tests assert none is left behind). */
  listenerCount(): number;
  /** Stops following and releases what it holds. */
  close(): Promise<void>;
}
