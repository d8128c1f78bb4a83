/**
 * The one interface every storage engine gives the server: a document database with CouchDB's semantics
 * (revisions, tombstones, a changes feed). The embedded engine is PouchDB on LevelDB or memory; the cluster
 * engine is Apache CouchDB 3 through `nano`. Sequences are opaque strings here: only the engine reads them.
 */

/** A position in one database's changes feed: opaque, only partly ordered, and it may rewind (CouchDB 3). */
export type Seq = string;

/** A document as stored: `_id`, `_rev` and its fields. */
export interface StoredDocument {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  /** Present when read with `conflicts: true` and the document has conflicting revisions. */
  _conflicts?: string[];
  [field: string]: unknown;
}

/** A document to write: a new one has no `_rev`. */
export interface DocumentInput {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

/** One document's outcome of a bulk write. */
export type BulkResult = { ok: true; id: string; rev: string } | { id: string; error: string; reason: string; status: number };

/** A row of `_all_docs`: found (live or deleted), or not found. */
export type AllDocsRow =
  | { id: string; key: string; value: { rev: string; deleted?: true }; doc?: StoredDocument | null }
  | { key: string; error: string };

/** What `_all_docs` may be asked: by keys, or a key range (inclusive), oldest key first. */
export interface AllDocsOptions {
  keys?: readonly string[];
  startkey?: string;
  endkey?: string;
  limit?: number;
  includeDocs?: boolean;
}

/** A change as the feed gives it; `rev` is the winning revision. */
export interface ChangeResult {
  seq: Seq;
  id: string;
  rev: string;
  deleted?: true;
  doc?: StoredDocument;
  /** With `allLeaves`: every leaf revision (the winner, conflicts and deleted branches), as `style=all_docs` gives. */
  leaves?: string[];
}

/** What a page of the changes feed may be asked. */
export interface ChangesOptions {
  /** Null reads from the start. */
  since: Seq | null;
  limit: number;
  includeDocs: boolean;
  /** Also list each document's leaf revisions in `leaves` (what a copy with every revision needs). */
  allLeaves?: boolean;
  /**
   * Hold an empty page open up to `ms` until a change arrives (CouchDB's longpoll), so that one request both
   * waits for a change and brings it; `signal` ends the wait, rejecting the call.
   */
  wait?: { ms: number; signal: AbortSignal };
}

/** One revision as replication moves it: the document at `_rev` and its ancestry (`_revisions.ids`, newest first). */
export interface RevisionDocument extends StoredDocument {
  _revisions: { start: number; ids: string[] };
}

/** One database. Failures reject with a `StorageError`; a missing document with status 404, a stale `_rev` 409. */
export interface DocumentDatabase {
  /** The winning revision, or `rev` (a conflicting one, say); `conflicts` lists the others in `_conflicts`. */
  get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<StoredDocument>;
  put(doc: DocumentInput): Promise<{ id: string; rev: string }>;
  /**
   * `put`, and whether a quorum of the document's copies took the write: CouchDB answers 202 when fewer did (a
   * node cut off), and a write another node also accepted may then lose. The embedded engine is always durable.
   */
  putWithQuorum(doc: DocumentInput): Promise<{ id: string; rev: string; quorum: boolean }>;
  remove(id: string, rev: string): Promise<{ rev: string }>;
  /** Writes many documents (each with `_id`) in one request; each has its own outcome. */
  bulkDocs(docs: readonly object[]): Promise<BulkResult[]>;
  allDocs(options: AllDocsOptions): Promise<AllDocsRow[]>;
  /** One page of changes after `since`, at most `limit`; `lastSeq` is where the next page starts. */
  changes(options: ChangesOptions): Promise<{ results: ChangeResult[]; lastSeq: Seq }>;
  /** The position of the feed's end now (what `since=now` means). */
  currentSeq(): Promise<Seq>;
  /** Calls `onChange` (coalesced, any number of times) after writes from now on; returns the function that stops it. */
  watch(onChange: () => void, onError: (error: unknown) => void): () => void;
  /** How many live documents the database holds. */
  docCount(): Promise<number>;
  /** True when nothing was ever written (no document, not even a deleted one). */
  isPristine(): Promise<boolean>;
  /** Of `revisions` (revision ids by document id), those this database lacks, by id (CouchDB's `_revs_diff`). */
  missingRevisions(revisions: Readonly<Record<string, readonly string[]>>): Promise<Record<string, string[]>>;
  /**
   * Those revisions with their ancestry (`_bulk_get?revs=true`); a revision that is not stored rejects with 404.
   * With `attachments`, each document's attachments come inline (base64 `data`), as `writeRevisions` takes them.
   */
  readRevisions(wanted: readonly { id: string; rev: string }[], options?: { attachments?: boolean }): Promise<RevisionDocument[]>;
  /**
   * Stores revisions as they are, with their ids and ancestry (`new_edits: false`, as replication writes): a
   * revision already stored is a no-op, and branches that meet become conflicts, never errors.
   */
  writeRevisions(docs: readonly RevisionDocument[]): Promise<void>;
  /**
   * Writes a new document and one binary attachment with it in a single write (CouchDB's inline `_attachments`),
   * so that the fields are never stored without the bytes; an existing `_id` rejects with 409.
   */
  putWithAttachment(doc: DocumentInput, attachment: AttachmentInput): Promise<{ id: string; rev: string }>;
  /** The bytes of attachment `name` of document `id`; a missing document or attachment rejects with 404. */
  getAttachment(id: string, name: string): Promise<Buffer>;
}

/** A binary attachment to store with a document. */
export interface AttachmentInput {
  name: string;
  contentType: string;
  data: Buffer;
}

/** A storage failure, in the shape the error handler treats as the server's fault (`error: true`). */
export class StorageError extends Error {
  readonly error = true;
  constructor(
    readonly status: number,
    override readonly name: string,
    readonly reason: string,
  ) {
    super(`${name}: ${reason}`);
  }
}

/** The HTTP-like status of a storage failure (404 missing, 409 conflict), if it has one. */
export function storageStatus(error: unknown): number | undefined {
  return (error as { status?: number } | null)?.status;
}

/** Whether the failure says the document is not there (never written, or deleted). */
export function isNotFound(error: unknown): boolean {
  return storageStatus(error) === 404;
}

/** Whether the failure is a stale or missing `_rev` (someone else wrote first). */
export function isConflict(error: unknown): boolean {
  return storageStatus(error) === 409;
}
