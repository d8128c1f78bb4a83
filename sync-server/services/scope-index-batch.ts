/**
 * Indexes one batch of a database's changes: gives each change the next position of the collection's own
 * counter, records `(customerId, position) → doc id`, drops the document's older entry and moves the checkpoint.
 * Positions are the index's own, so the store's sequences stay opaque; a change whose revision is already
 * indexed (a replay, or a feed that rewound) is skipped, and positions reserved before a write are never reused.
 */
import type { CollectionName } from '../../app/model/constants';
import {
  checkpointId, entryId, pointerId, type EntryDoc, type PointerDoc,
} from './scope-index-keys';
import { readLiveDocs } from './read-docs';
import type { IndexedBatch } from './feed-index';
import type { DocumentDatabase, Seq } from './storage-engine';


/** Where indexing of a collection stands: the store's seq read up to, and the last position given out. */
export interface Checkpoint {
  since: Seq | null;
  position: number;
  /** Positions up to here may have been written by an unfinished batch: the next one starts above. */
  reserved: number;
  rev?: string;
}

type StoredRev = { _id: string; _rev: string };

type IndexDoc = { _id: string; _rev?: string; _deleted?: boolean };

type Write = { op: 'put'; body: object } | { op: 'delete' };

interface CheckpointDoc {
  _rev: string;
  since?: Seq | null;
  position?: number;
  reserved?: number;
  /** Before positions were the index's own, the checkpoint was the store's numeric seq (then equal to the position). */
  seq?: number;
}

/** Reads the checkpoint of `collection` (the start when never indexed). */
export async function readCheckpoint(index: DocumentDatabase, collection: CollectionName): Promise<Checkpoint> {
  try {
    const doc = (await index.get(checkpointId(collection))) as unknown as CheckpointDoc;
    const position = doc.position ?? doc.seq ?? 0;
    const since = doc.since !== undefined ? doc.since : doc.seq !== undefined ? String(doc.seq) : null;
    return { since, position, reserved: Math.max(doc.reserved ?? 0, position), rev: doc._rev };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { since: null, position: 0, reserved: 0 };
    throw error;
  }
}

/** Indexes up to `limit` changes after the checkpoint; returns the batch and the new checkpoint, or null when nothing was new. */
export async function indexBatch(
  source: DocumentDatabase,
  index: DocumentDatabase,
  collection: CollectionName,
  checkpoint: Checkpoint,
  limit: number,
): Promise<{ batch: IndexedBatch; checkpoint: Checkpoint } | null> {
  const changes = await source.changes({ since: checkpoint.since, limit, includeDocs: true });
  if (changes.results.length === 0) return null;
  const pointerIds = changes.results.map((change) => pointerId(collection, change.id));
  const pointers = new Map<string, PointerDoc & Partial<StoredRev>>(await readLiveDocs<PointerDoc & StoredRev>(index, pointerIds));
  const revs = new Map([...pointers].map(([id, doc]) => [id, doc._rev!]));
  const writes = new Map<string, Write>();
  const customerIds = new Set<string>();
  let position = checkpoint.reserved;
  for (const change of changes.results) {
    const key = pointerId(collection, change.id);
    const previous = pointers.get(key);
    if (previous?.rev === change.rev) {
      // Indexed already (a replayed batch, or a feed that rewound): nothing to do but not to fall behind it.
      position = Math.max(position, previous.seq);
      continue;
    }
    const doc = change.doc as { customerId?: unknown; visibility?: unknown } | undefined;
    const customerId = typeof doc?.customerId === 'string' ? doc.customerId : previous?.customerId;
    if (customerId === undefined) continue; // not a customer's document: nothing to scope
    const visible = change.deleted ? (previous?.visible ?? true) : doc?.visibility !== 'internal';
    position += 1;
    const entry = visible ? entryId(collection, customerId, position) : null;
    if (previous?.entryId && previous.entryId !== entry) writes.set(previous.entryId, { op: 'delete' });
    if (entry) writes.set(entry, { op: 'put', body: { docId: change.id, seq: position } satisfies EntryDoc });
    const pointer: PointerDoc = { customerId, seq: position, visible, entryId: entry, rev: change.rev };
    pointers.set(key, pointer);
    writes.set(key, { op: 'put', body: pointer });
    customerIds.add(customerId);
  }
  let rev = checkpoint.rev;
  if (position > checkpoint.reserved) {
    // Reserve the positions first: if this batch stops half-written, the next one gives out new positions.
    rev = (await index.put({ _id: checkpointId(collection), ...(rev && { _rev: rev }), since: checkpoint.since, position: checkpoint.position, reserved: position })).rev;
    const deletes = [...writes].filter(([, write]) => write.op === 'delete').map(([id]) => id);
    for (const [id, doc] of await readLiveDocs<StoredRev>(index, deletes)) revs.set(id, doc._rev);
    await applyWrites(index, writes, revs);
  }
  const next = { since: changes.lastSeq, position, reserved: position };
  const written = await index.put({ _id: checkpointId(collection), ...(rev && { _rev: rev }), ...next });
  return { batch: { collection, position, customerIds }, checkpoint: { ...next, rev: written.rev } };
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
 * Writes puts and deletes at the revisions in `revs`. Documents that answer with a conflict (left by a batch
 * that stopped half-way) are read again and written once more at their current revision, so a retry overwrites.
 */
async function applyWrites(index: DocumentDatabase, writes: Map<string, Write>, revs: Map<string, string>): Promise<void> {
  const docs = toDocs(writes, revs);
  const results = await index.bulkDocs(docs);
  const failed = results.find((result) => 'error' in result && result.status !== 409);
  if (failed) throw new Error(`scope index write failed: ${JSON.stringify(failed)}`);
  const conflicted = results.flatMap((result, i) => ('error' in result ? [docs[i]!._id] : []));
  if (conflicted.length === 0) return;
  const current = await readLiveDocs<StoredRev>(index, conflicted);
  const retry = conflicted.map((id): [string, Write] => [id, writes.get(id)!]);
  const again = await index.bulkDocs(toDocs(retry, new Map([...current].map(([id, doc]) => [id, doc._rev]))));
  const stillFailed = again.find((result) => 'error' in result);
  if (stillFailed) throw new Error(`scope index write failed: ${JSON.stringify(stillFailed)}`);
}
