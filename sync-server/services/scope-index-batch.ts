/**
 * Indexes one batch of a database's changes: records `(customerId, seq) → doc id`, drops the document's older
 * entry and moves the checkpoint, all in one bulk write. Replaying a batch (after a crash) gives the same state.
 */
import type { CollectionName } from '../../app/model/constants';
import {
  checkpointId, entryId, pointerId, type EntryDoc, type PointerDoc,
} from './scope-index-keys';
import { readLiveDocs } from './read-docs';
import type { Database } from './storage';

/** What one indexed batch touched: the seq reached and the customers whose entries changed. */
export interface IndexedBatch {
  collection: CollectionName;
  seq: number;
  customerIds: Set<string>;
}

type StoredRev = { _id: string; _rev: string };

type IndexDoc = { _id: string; _rev?: string; _deleted?: boolean };

type Write = { op: 'put'; body: object } | { op: 'delete' };

/** Reads the last indexed seq of `collection` (0 when never indexed). */
export async function readCheckpoint(index: Database, collection: CollectionName): Promise<number> {
  try {
    const doc = (await index.get(checkpointId(collection))) as unknown as { seq: number };
    return doc.seq;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 0;
    throw error;
  }
}

/** Indexes up to `limit` changes after `since`; returns the batch, or `null` when there was nothing new. */
export async function indexBatch(
  source: Database,
  index: Database,
  collection: CollectionName,
  since: number,
  limit: number,
): Promise<IndexedBatch | null> {
  const changes = await source.changes({ since, limit, include_docs: true });
  if (changes.results.length === 0) return null;
  const pointerIds = changes.results.map((change) => pointerId(collection, change.id));
  const stored = await readLiveDocs<PointerDoc & StoredRev>(index, [...pointerIds, checkpointId(collection)]);
  const pointers = new Map<string, PointerDoc>(stored);
  const writes = new Map<string, Write>();
  const customerIds = new Set<string>();
  for (const change of changes.results) {
    const seq = Number(change.seq);
    const doc = change.doc as { customerId?: unknown; visibility?: unknown } | undefined;
    const key = pointerId(collection, change.id);
    const previous = pointers.get(key);
    const customerId = typeof doc?.customerId === 'string' ? doc.customerId : previous?.customerId;
    if (customerId === undefined) continue; // not a customer's document: nothing to scope
    const visible = change.deleted ? (previous?.visible ?? true) : doc?.visibility !== 'internal';
    const entry = visible ? entryId(collection, customerId, seq) : null;
    if (previous?.entryId && previous.entryId !== entry) writes.set(previous.entryId, { op: 'delete' });
    if (entry) writes.set(entry, { op: 'put', body: { docId: change.id, seq } satisfies EntryDoc });
    const pointer: PointerDoc = { customerId, seq, visible, entryId: entry };
    pointers.set(key, pointer);
    writes.set(key, { op: 'put', body: pointer });
    customerIds.add(customerId);
  }
  const seq = Number(changes.last_seq);
  writes.set(checkpointId(collection), { op: 'put', body: { seq } });
  // Pointers and the checkpoint were just read; older entries to drop are read now. A new entry's id holds its
  // seq, so it exists only when this batch is a replay, which the write's conflict answer reveals.
  const deletes = [...writes].filter(([, write]) => write.op === 'delete').map(([id]) => id);
  const revs = new Map([...stored, ...(await readLiveDocs<StoredRev>(index, deletes))].map(([id, doc]) => [id, doc._rev]));
  await applyWrites(index, writes, revs);
  return { collection, seq, customerIds };
}

/** The documents that carry `writes` out at the revisions in `revs` (a delete of a document never stored is dropped). */
function toDocs(writes: Iterable<[string, Write]>, revs: Map<string, string>): IndexDoc[] {
  const docs: IndexDoc[] = [];
  for (const [id, write] of writes) {
    const rev = revs.get(id);
    if (write.op === 'put') docs.push({ ...write.body, _id: id, ...(rev && { _rev: rev }) });
    else if (rev) docs.push({ _id: id, _rev: rev, _deleted: true });
  }
  return docs;
}

/**
 * Writes puts and deletes at the revisions in `revs`. Documents that answer with a conflict (a replayed batch's
 * entries) are read again and written once more at their current revision, so a replay overwrites.
 */
async function applyWrites(index: Database, writes: Map<string, Write>, revs: Map<string, string>): Promise<void> {
  const docs = toDocs(writes, revs);
  const results = await index.bulkDocs(docs);
  const failed = results.find((result) => 'error' in result && result.error && result.status !== 409);
  if (failed) throw new Error(`scope index write failed: ${JSON.stringify(failed)}`);
  const conflicted = results.flatMap((result, i) => ('error' in result && result.error ? [docs[i]!._id] : []));
  if (conflicted.length === 0) return;
  const current = await readLiveDocs<StoredRev>(index, conflicted);
  const retry = conflicted.map((id): [string, Write] => [id, writes.get(id)!]);
  const again = await index.bulkDocs(toDocs(retry, new Map([...current].map(([id, doc]) => [id, doc._rev]))));
  const stillFailed = again.find((result) => 'error' in result && result.error);
  if (stillFailed) throw new Error(`scope index write failed: ${JSON.stringify(stillFailed)}`);
}
