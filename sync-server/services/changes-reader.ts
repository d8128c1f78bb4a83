/**
 * One page of `_changes` for a user: agents read the database's own changes feed; a customer reads their range
 * of the scope index and then only those documents, so the cost follows that customer's changes alone.
 */
import { AGENT_READ_COLLECTIONS, type CollectionName, type FeedCollection } from '../../app/model/constants';
import type { SessionUser } from '../../app/model/user';
import { canSee, type StoredDoc } from './feed-docs';
import { formatCursor, seqOf, type Cursor, type TokenStyle, type WireSeq } from './feed-cursor';
import type { FeedIndex, IndexEntry } from './feed-index';
import type { AllDocsRow } from './storage-engine';
import type { Storage } from './storage';

/** A `_changes` row as CouchDB writes it. */
export interface ChangeRow {
  seq: WireSeq;
  id: string;
  changes: { rev: string }[];
  deleted?: true;
  doc?: Record<string, unknown>;
}

/** A `_changes` answer; `last_seq` is the token to pass as the next `since`, `next` the same as a cursor. */
export interface ChangesPage {
  results: ChangeRow[];
  last_seq: WireSeq;
  next: Cursor;
}

/** What reading a page needs. */
export interface ChangesContext {
  storage: Storage;
  index: FeedIndex;
}

/** One `_changes` request after its parameters were read. */
export interface ChangesQuery {
  collection: FeedCollection;
  since: Cursor;
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

/** The token style of `storage`'s engine. */
export function tokenStyle(storage: Storage): TokenStyle {
  return storage.engine;
}

/** The page as sent: without the cursor kept for the server. */
export function wirePage(page: ChangesPage): Omit<ChangesPage, 'next'> {
  const { next: _next, ...wire } = page;
  return wire;
}

/** Reads the changes after `query.since` that `user` may see, at most `query.limit`. */
export function readChanges(ctx: ChangesContext, user: SessionUser, query: ChangesQuery): Promise<ChangesPage> {
  return user.role === 'agent' ? readAll(ctx, query) : readScoped(ctx, user, query);
}

async function readAll(ctx: ChangesContext, query: ChangesQuery): Promise<ChangesPage> {
  const style = tokenStyle(ctx.storage);
  const page = await ctx.storage[query.collection].changes({
    since: seqOf(query.since),
    limit: query.limit,
    includeDocs: query.includeDocs,
  });
  const next: Cursor = { kind: 'seq', seq: page.lastSeq };
  return {
    results: page.results.map((change) => ({
      seq: formatCursor({ kind: 'seq', seq: change.seq }, style),
      id: change.id,
      changes: [{ rev: change.rev }],
      ...(change.deleted && { deleted: true as const }),
      ...(query.includeDocs && { doc: (change.doc ?? { _id: change.id, _rev: change.rev, _deleted: true }) as Record<string, unknown> }),
    })),
    last_seq: formatCursor(next, style),
    next,
  };
}

/** Whether customers have a scoped feed of `collection` (the agent-read ones do not exist for them). */
export function isCustomerCollection(collection: FeedCollection): collection is CollectionName {
  return !(AGENT_READ_COLLECTIONS as readonly string[]).includes(collection);
}

async function readScoped(ctx: ChangesContext, user: SessionUser, query: ChangesQuery): Promise<ChangesPage> {
  const { collection, limit } = query;
  // The route answers 404 first; this holds should another caller forget.
  if (!isCustomerCollection(collection)) throw new Error(`customers have no feed of ${collection}`);
  const { entries, next } = await ctx.index.readPage(collection, user.id, query.since, limit);
  const stats = scopedReadStats(ctx.storage);
  stats.entriesRead += entries.length;
  const lastSeq = formatCursor(next, tokenStyle(ctx.storage));
  if (entries.length === 0) return { results: [], last_seq: lastSeq, next };
  const latest = new Map<string, IndexEntry>();
  for (const entry of entries) latest.set(entry.docId, entry);
  const rows = await ctx.storage[collection].allDocs({ keys: [...latest.keys()], includeDocs: true });
  stats.docsRead += rows.length;
  const staleAt = firstStalePosition(rows, latest);
  const results: ChangeRow[] = [];
  for (const row of rows) {
    if (!('value' in row)) continue;
    const seq = latest.get(row.key)!.position;
    if (seq >= staleAt) continue;
    if (row.value.deleted) {
      const doc = { _id: row.key, _rev: row.value.rev, _deleted: true };
      results.push({ seq, id: row.key, changes: [{ rev: row.value.rev }], deleted: true, ...(query.includeDocs && { doc }) });
      continue;
    }
    const doc = row.doc as unknown as StoredDoc | undefined;
    if (!doc || !canSee(user, doc)) continue;
    results.push({ seq, id: row.key, changes: [{ rev: doc._rev }], ...(query.includeDocs && { doc }) });
  }
  results.sort((a, b) => (a.seq as number) - (b.seq as number));
  if (staleAt !== Infinity && next.kind === 'position') {
    // The page ends before the stale document, so the next pull asks for it again instead of passing it.
    const until: Cursor = { ...next, n: staleAt - 1 };
    return finishScoped(results, until, tokenStyle(ctx.storage));
  }
  return finishScoped(results, next, tokenStyle(ctx.storage));
}

/**
 * The position of the first entry whose stored document is older than the revision indexed for it (a CouchDB
 * node that has not caught up with the write yet); Infinity when none is.
 */
function firstStalePosition(rows: readonly AllDocsRow[], latest: ReadonlyMap<string, IndexEntry>): number {
  let stale = Infinity;
  for (const row of rows) {
    const indexed = latest.get(row.key);
    if (!indexed?.rev) continue;
    const stored = 'value' in row ? row.value.rev : '0-';
    if (revGeneration(stored) < revGeneration(indexed.rev)) stale = Math.min(stale, indexed.position);
  }
  return stale;
}

const revGeneration = (rev: string): number => Number.parseInt(rev, 10) || 0;

/** The page's rows with their positions written as cursors, and where the next page starts. */
function finishScoped(results: ChangeRow[], next: Cursor, style: TokenStyle): ChangesPage {
  const epoch = next.kind === 'position' ? next.epoch : undefined;
  if (epoch) for (const row of results) row.seq = formatCursor({ kind: 'position', n: row.seq as number, epoch }, 'couchdb');
  return { results, last_seq: formatCursor(next, style), next };
}
