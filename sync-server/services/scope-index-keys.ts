/** Key layout of the per-customer sequence index inside `storage.scopeIndex` (sorted ids make ranges cheap). */
import type { CollectionName } from '../../app/model/constants';

const SEQ_DIGITS = 16;

/** A position padded so that id order is numeric order. */
export function padSeq(position: number): string {
  return String(position).padStart(SEQ_DIGITS, '0');
}

/** The prefix of one customer's entries; the id is encoded so that no customer's range reaches into another's. */
export function entryPrefix(collection: CollectionName, customerId: string): string {
  return `${collection}/c/${encodeURIComponent(customerId)}/`;
}

/** The id of the entry `(customerId, position) → doc id`. */
export function entryId(collection: CollectionName, customerId: string, position: number): string {
  return entryPrefix(collection, customerId) + padSeq(position);
}

/** The id of a document's pointer to its current entry (so a newer change drops the older entry). */
export function pointerId(collection: CollectionName, docId: string): string {
  return `${collection}/d/${docId}`;
}

/** The id of a collection's checkpoint: the store's seq read up to, and the last position given out. */
export function checkpointId(collection: CollectionName): string {
  return `${collection}/checkpoint`;
}

/** An index entry: the document a customer's change at position `seq` is about. */
export interface EntryDoc {
  docId: string;
  seq: number;
}

/**
 * A document's pointer: whose it is, the position of its last indexed change, the entry recorded for it (none if
 * hidden) and the revision indexed (absent on pointers written before revisions were kept).
 */
export interface PointerDoc {
  customerId: string;
  seq: number;
  visible: boolean;
  entryId: string | null;
  rev?: string;
}
