/**
 * The inbox index as kept on the device (one local document) and its read at start. The read is started as soon
 * as the database exists, before its collections open, so that reading 3 MB overlaps the rest of the opening.
 */
import type { LocalValue } from '../core/local-value';
import type { Checkpoint } from '../core/rxdb-internals';
import { InboxIndex, type InboxIndexJson } from './inbox-index';

/** The local document holding the index. */
export const INBOX_INDEX_DOC = 'inbox-index';
const STORED_VERSION = 3;

/** How far the index has read each collection, in the storage's (write time, id) order. */
export interface IndexSince {
  tickets: Checkpoint | null;
  messages: Checkpoint | null;
}
interface StoredIndex {
  index: InboxIndexJson;
  since: IndexSince;
}
/**
 * The local document's data: the index as one JSON string. As an object (5,000 tickets, 50,000 message ids)
 * RxDB's Dexie storage copies it key by key and IndexedDB clones it value by value on every read and write:
 * 0.7 s to read at start on this machine. One string is copied whole and parsed by JSON.parse.
 */
export interface StoredDoc {
  version: number;
  json: string;
}

/** A stored index read back: the index and how far it had read. */
export interface RestoredIndex {
  index: InboxIndex;
  since: IndexSince;
}

/** The document to store for `index`, read as far as `since`. */
export function storedDoc(index: InboxIndex, since: IndexSince): StoredDoc {
  const value: StoredIndex = { index: index.toJSON(), since: { ...since } };
  return { version: STORED_VERSION, json: JSON.stringify(value) };
}

/** The stored index, or null when there is none (or one of an older shape, which is read afresh). */
export async function readStoredIndex(kept: LocalValue<StoredDoc>): Promise<RestoredIndex | null> {
  const doc = await kept.read();
  if (doc?.version !== STORED_VERSION) return null;
  const stored = JSON.parse(doc.json) as StoredIndex;
  return { index: InboxIndex.fromJSON(stored.index), since: stored.since };
}
