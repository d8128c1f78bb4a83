/**
 * The one place that reaches into RxDB's internals, each for a measured reason; nothing else in app/ may. If an
 * RxDB upgrade breaks one, it breaks here:
 * - `_meta.lwt`: the time RxDB stamps on each stored write. The agent's inbox keeps its index on the device with
 *   how far it has read in (write time, id) order, so a start reads only the documents written after it; and the
 *   outbox sweep tells a write that happened after its pending mark from one that never did.
 * - `storageInstance`, `normalizeMangoQuery`, `prepareQuery`: a plain range query on the storage's
 *   `[_meta.lwt, id]` index, below RxDB's query layer, which cannot select on `_meta` (see `changedSince`).
 * - `_rev`, `_meta`, `_attachments`, `_deleted` on stored documents: taken off before the inbox keeps them.
 */
import { normalizeMangoQuery, prepareQuery, type RxStorageDefaultCheckpoint, type RxStorageInstance } from 'rxdb';
import type { PortalDatabase } from './database';

/** How far a reader has read one collection: a write time and id (RxDB's own checkpoint shape). */
export type Checkpoint = RxStorageDefaultCheckpoint;
/** A document as the storage holds it, with RxDB's bookkeeping. */
export type Stored<T> = T & { _deleted?: boolean; _meta?: { lwt: number } };

/** The time RxDB stamped on the stored write of `doc` (0 when it has none). */
export function writeTimeOf(doc: Stored<unknown>): number {
  return doc._meta?.lwt ?? 0;
}

/**
 * The documents written after `at` (deleted ones included), in write order. RxDB's own
 * getChangedDocumentsSince selects with an `$or` that its Dexie storage answers by walking every document
 * (2 s for 55,000 even when none changed); a plain range on the `[_meta.lwt, id]` index reads only the new ones.
 * The range starts after `at`'s write time, not at it: the documents of one bulk write share that time and the
 * index applies a bulk whole, so all of them are in. Starting at it re-read a whole pull batch (100 documents,
 * a cursor round trip each, 0.15 s on this machine) on every start.
 */
export async function changedSince<T>(db: PortalDatabase, collection: 'tickets' | 'messages', at: Checkpoint | null): Promise<Stored<T>[]> {
  const storage = db[collection].storageInstance as unknown as RxStorageInstance<{ id: string }, unknown, unknown>;
  const query = normalizeMangoQuery(storage.schema, {
    selector: { '_meta.lwt': at ? { $gt: at.lwt } : { $gte: 0 } } as never,
    sort: [{ '_meta.lwt': 'asc' } as never, { id: 'asc' }],
    index: ['_meta.lwt', 'id'],
    skip: 0,
  });
  const { documents } = await storage.query(prepareQuery(storage.schema, query));
  return documents as unknown as Stored<T>[];
}

/** The document without RxDB's bookkeeping fields. */
export function withoutBookkeeping<T>(data: T): T {
  const { _rev, _meta, _attachments, _deleted, ...doc } = data as T & Record<string, unknown>;
  void _rev; void _meta; void _attachments; void _deleted;
  return doc as T;
}
