/**
 * One page of `_changes` for a user: agents read the database's own changes feed; a customer reads their range
 * of the scope index and then only those documents, so the cost follows that customer's changes alone.
 */
import type { CollectionName } from '../../app/model/constants';
import type { SessionUser } from '../../app/model/user';
import { canSee, type StoredDoc } from './feed-docs';
import type { ScopeIndex } from './scope-index';
import type { Storage } from './storage';

/** A `_changes` row as CouchDB writes it. */
export interface ChangeRow {
  seq: number;
  id: string;
  changes: { rev: string }[];
  deleted?: true;
  doc?: Record<string, unknown>;
}

/** A `_changes` answer; `last_seq` is the token to pass as the next `since`. */
export interface ChangesPage {
  results: ChangeRow[];
  last_seq: number;
}

/** What reading a page needs. */
export interface ChangesContext {
  storage: Storage;
  index: ScopeIndex;
}

/** One `_changes` request after its parameters were read. */
export interface ChangesQuery {
  collection: CollectionName;
  since: number;
  limit: number;
  includeDocs: boolean;
}

/** Counters of what customers' scoped reads took from storage (tests show they do not grow with others' data). */
export interface ScopedReadStats {
  entriesRead: number;
  docsRead: number;
}

const statsByStorage = new WeakMap<Storage, ScopedReadStats>();

/** The scoped-read counters of `storage` (created at zero on first use). */
export function scopedReadStats(storage: Storage): ScopedReadStats {
  let stats = statsByStorage.get(storage);
  if (!stats) {
    stats = { entriesRead: 0, docsRead: 0 };
    statsByStorage.set(storage, stats);
  }
  return stats;
}

/** Reads the changes after `query.since` that `user` may see, at most `query.limit`. */
export function readChanges(ctx: ChangesContext, user: SessionUser, query: ChangesQuery): Promise<ChangesPage> {
  return user.role === 'agent' ? readAll(ctx, query) : readScoped(ctx, user, query);
}

async function readAll(ctx: ChangesContext, query: ChangesQuery): Promise<ChangesPage> {
  const page = await ctx.storage[query.collection].changes({
    since: query.since,
    limit: query.limit,
    include_docs: query.includeDocs,
    style: 'all_docs',
  });
  return {
    results: page.results.map((change) => ({
      seq: Number(change.seq),
      id: change.id,
      changes: change.changes,
      ...(change.deleted && { deleted: true as const }),
      ...(query.includeDocs && { doc: change.doc as unknown as Record<string, unknown> }),
    })),
    last_seq: Number(page.last_seq),
  };
}

async function readScoped(ctx: ChangesContext, user: SessionUser, query: ChangesQuery): Promise<ChangesPage> {
  const { collection, since, limit } = query;
  // Read the indexed seq first: everything up to it is in the range read below.
  const upTo = ctx.index.indexedSeq(collection);
  const entries = (await ctx.index.readRange(collection, user.id, since, limit)).filter((entry) => entry.seq <= upTo);
  const stats = scopedReadStats(ctx.storage);
  stats.entriesRead += entries.length;
  const lastSeq = entries.length === limit ? entries[entries.length - 1]!.seq : Math.max(since, upTo);
  if (entries.length === 0) return { results: [], last_seq: lastSeq };
  const latest = new Map<string, number>();
  for (const entry of entries) latest.set(entry.docId, entry.seq);
  const found = await ctx.storage[collection].allDocs({ keys: [...latest.keys()], include_docs: true });
  stats.docsRead += found.rows.length;
  const results: ChangeRow[] = [];
  for (const row of found.rows) {
    if (!('value' in row)) continue;
    const seq = latest.get(row.key)!;
    if (row.value.deleted) {
      const doc = { _id: row.key, _rev: row.value.rev, _deleted: true };
      results.push({ seq, id: row.key, changes: [{ rev: row.value.rev }], deleted: true, ...(query.includeDocs && { doc }) });
      continue;
    }
    const doc = row.doc as unknown as StoredDoc | undefined;
    if (!doc || !canSee(user, doc)) continue;
    results.push({ seq, id: row.key, changes: [{ rev: doc._rev }], ...(query.includeDocs && { doc }) });
  }
  results.sort((a, b) => a.seq - b.seq);
  return { results, last_seq: lastSeq };
}
