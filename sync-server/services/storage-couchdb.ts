/**
 * The cluster engine: one Apache CouchDB 3 database through `nano` behind `DocumentDatabase`. CouchDB's
 * sequences are passed on untouched (opaque strings); its errors become `StorageError`s.
 */
import type nano from 'nano';
import {
  StorageError, type AllDocsRow, type BulkResult, type ChangeResult, type DocumentDatabase, type DocumentInput, type RevisionDocument,
  type StoredDocument,
} from './storage-engine';

/** How long one longpoll of `watch` waits before it is renewed. */
const WATCH_TIMEOUT_MS = 25_000;
/** How long `watch` waits before it tries again after a failed longpoll. */
const WATCH_RETRY_MS = 1_000;

type Relax = (opts: nano.RequestOptions & { signal?: AbortSignal }) => Promise<unknown>;

interface CouchChange {
  seq: string | number;
  id: string;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: StoredDocument;
}

const BULK_STATUS: Readonly<Record<string, number>> = { conflict: 409, forbidden: 403, unauthorized: 401 };

/** A `StorageError` for what nano (or fetch below it) threw. */
export function toStorageError(error: unknown): StorageError {
  const e = error as { statusCode?: number; error?: unknown; reason?: unknown; message?: string; cause?: { code?: string } };
  if (e?.statusCode === undefined) {
    return new StorageError(503, 'unreachable', `CouchDB did not answer (${e?.cause?.code ?? e?.message ?? 'unknown error'})`);
  }
  return new StorageError(e.statusCode, typeof e.error === 'string' ? e.error : 'error', String(e.reason ?? e.message ?? ''));
}

/** `database` of the CouchDB server behind `client`; the database must exist (see `ensureCouchDatabase`). */
export function couchDatabase(client: nano.ServerScope, database: string): DocumentDatabase {
  const relax = client.relax as unknown as Relax;
  const call = async <T>(opts: nano.RequestOptions & { signal?: AbortSignal }): Promise<T> => {
    try {
      return (await relax({ db: database, ...opts })) as T;
    } catch (error) {
      throw toStorageError(error);
    }
  };
  const changesPage = (qs: Record<string, unknown>, signal?: AbortSignal) =>
    call<{ results: CouchChange[]; last_seq: string | number }>({ path: '_changes', qs, ...(signal && { signal }) });

  return {
    get: (id, options) =>
      call<StoredDocument>({ doc: id, qs: { ...(options?.conflicts && { conflicts: true }), ...(options?.rev && { rev: options.rev }) } }),
    async put(doc) {
      const written = await call<{ id: string; rev: string }>({ method: 'PUT', doc: doc._id, body: doc });
      return { id: written.id, rev: written.rev };
    },
    putWithQuorum: (doc) => putAnsweringStatus(client.config.url, database, doc),
    remove: async (id, rev) => ({ rev: (await call<{ rev: string }>({ method: 'DELETE', doc: id, qs: { rev } })).rev }),
    async bulkDocs(docs) {
      const results = await call<{ id: string; rev?: string; error?: string; reason?: string }[]>({
        method: 'POST', path: '_bulk_docs', body: { docs },
      });
      return results.map((result): BulkResult =>
        result.error
          ? { id: result.id, error: result.error, reason: result.reason ?? '', status: BULK_STATUS[result.error] ?? 500 }
          : { ok: true, id: result.id, rev: result.rev! });
    },
    async allDocs(options) {
      const include_docs = options.includeDocs ?? false;
      const page = options.keys
        ? await call<{ rows: AllDocsRow[] }>({ method: 'POST', path: '_all_docs', qs: { include_docs }, body: { keys: options.keys } })
        : await call<{ rows: AllDocsRow[] }>({
            path: '_all_docs',
            qs: {
              include_docs,
              ...(options.startkey !== undefined && { startkey: options.startkey }),
              ...(options.endkey !== undefined && { endkey: options.endkey }),
              ...(options.limit !== undefined && { limit: options.limit }),
            },
          });
      return page.rows;
    },
    async changes({ since, limit, includeDocs, allLeaves, wait }) {
      const qs = { since: since ?? 0, limit, include_docs: includeDocs, ...(allLeaves && { style: 'all_docs' }) };
      const page = await changesPage(wait ? { ...qs, feed: 'longpoll', timeout: wait.ms } : qs, wait?.signal);
      return {
        results: page.results.map((change): ChangeResult => ({
          seq: String(change.seq),
          id: change.id,
          rev: change.changes[0]!.rev,
          ...(change.deleted && { deleted: true as const }),
          ...(includeDocs && change.doc && { doc: change.doc }),
          ...(allLeaves && { leaves: change.changes.map((leaf) => leaf.rev) }),
        })),
        lastSeq: String(page.last_seq),
      };
    },
    currentSeq: async () => String((await call<{ update_seq: string | number }>({})).update_seq),
    watch(onChange, onError) {
      const controller = new AbortController();
      void (async () => {
        let since: string = 'now';
        while (!controller.signal.aborted) {
          try {
            const page = await changesPage({ feed: 'longpoll', since, timeout: WATCH_TIMEOUT_MS, limit: 100 }, controller.signal);
            since = String(page.last_seq);
            if (page.results.length > 0 && !controller.signal.aborted) onChange();
          } catch (error) {
            if (controller.signal.aborted) return;
            onError(error);
            await new Promise((resolve) => setTimeout(resolve, WATCH_RETRY_MS).unref());
          }
        }
      })();
      return () => controller.abort();
    },
    docCount: async () => (await call<{ doc_count: number }>({})).doc_count,
    async isPristine() {
      const info = await call<{ doc_count: number; doc_del_count?: number; update_seq: string | number }>({});
      return info.doc_count === 0 && (info.doc_del_count ?? 0) === 0 && Number.parseInt(String(info.update_seq), 10) === 0;
    },
    async missingRevisions(revisions) {
      if (Object.keys(revisions).length === 0) return {};
      const diff = await call<Record<string, { missing?: string[] }>>({ method: 'POST', path: '_revs_diff', body: revisions });
      return Object.fromEntries(Object.entries(diff).map(([id, { missing }]) => [id, missing ?? []]));
    },
    async readRevisions(wanted, options) {
      if (wanted.length === 0) return [];
      // CouchDB answers a revision it lacks with `error`, pouchdb-server with `missing`.
      const { results } = await call<{ results: { id: string; docs: ({ ok: RevisionDocument } | { error?: unknown; missing?: string })[] }[] }>({
        method: 'POST', path: '_bulk_get', qs: { revs: true, ...(options?.attachments && { attachments: true }) }, body: { docs: wanted },
      });
      return results.flatMap(({ id, docs }) =>
        docs.map((found) => {
          if ('ok' in found) return found.ok;
          throw new StorageError(404, 'not_found', `revision missing of ${id}`);
        }));
    },
    async writeRevisions(docs) {
      if (docs.length === 0) return;
      // CouchDB answers only the documents it could not store (a validation refusal, say).
      const failed = await call<{ id: string; error?: string; reason?: string }[]>({
        method: 'POST', path: '_bulk_docs', body: { docs, new_edits: false },
      });
      const first = failed.find((result) => result.error);
      if (first) throw new StorageError(BULK_STATUS[first.error!] ?? 500, first.error!, `${first.id}: ${first.reason ?? ''}`);
    },
    async putWithAttachment(doc, attachment) {
      const inline = { content_type: attachment.contentType, data: attachment.data.toString('base64') };
      const body = { ...doc, _attachments: { [attachment.name]: inline } };
      const written = await call<{ id: string; rev: string }>({ method: 'PUT', doc: doc._id, body });
      return { id: written.id, rev: written.rev };
    },
    getAttachment: (id, name) => readAttachment(client.config.url, database, id, name),
  };
}

/**
 * PUT of one document by fetch itself, because nano answers with the body only and 201 (a quorum of copies
 * written) and 202 (fewer) differ only in the status. Credentials in the URL go into the Authorization header.
 */
async function putAnsweringStatus(serverUrl: string, database: string, doc: DocumentInput): Promise<{ id: string; rev: string; quorum: boolean }> {
  const res = await fetchCouch(serverUrl, `${encodeURIComponent(database)}/${encodeURIComponent(doc._id)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(doc),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; rev?: string; error?: string; reason?: string };
  if (!res.ok) throw new StorageError(res.status, body.error ?? 'error', body.reason ?? '');
  return { id: body.id!, rev: body.rev!, quorum: res.status === 201 };
}

/** The raw bytes of one attachment, by fetch itself: nano's `relax` would parse or re-encode the body. */
async function readAttachment(serverUrl: string, database: string, id: string, name: string): Promise<Buffer> {
  const res = await fetchCouch(serverUrl, [database, id, name].map(encodeURIComponent).join('/'));
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; reason?: string };
    throw new StorageError(res.status, body.error ?? 'error', body.reason ?? '');
  }
  return Buffer.from(await res.arrayBuffer());
}

/** One request to the CouchDB server at `path` by fetch, the URL's credentials sent as a Basic header. */
async function fetchCouch(serverUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  const { base, authorization } = fetchableServer(serverUrl);
  try {
    return await fetch(`${base}/${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(authorization && { authorization }) } });
  } catch (error) {
    throw toStorageError(error);
  }
}

/** The server's URL without credentials (fetch refuses them) and, when it had some, their Basic header. */
export function fetchableServer(serverUrl: string): { base: string; authorization?: string } {
  const url = new URL(serverUrl);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const base = url.href.replace(/\/$/, '');
  return user ? { base, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : { base };
}

/** Creates `database` unless it exists (several servers starting at once: the first creates it, the others see 412). */
export async function ensureCouchDatabase(client: nano.ServerScope, database: string): Promise<void> {
  try {
    await client.relax({ method: 'PUT', db: database });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 412) throw toStorageError(error);
  }
}

/** Deletes `database` if it exists (tests drop what they made). */
export async function dropCouchDatabase(client: nano.ServerScope, database: string): Promise<void> {
  try {
    await client.relax({ method: 'DELETE', db: database });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw toStorageError(error);
  }
}
