/** The embedded engine: one PouchDB database (LevelDB files, or memory for tests) behind `DocumentDatabase`. */
import PouchDB from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { StorageError, type AllDocsRow, type BulkResult, type DocumentDatabase, type RevisionDocument, type StoredDocument } from './storage-engine';

PouchDB.plugin(leveldbAdapter).plugin(memoryAdapter);

/** An open embedded database and the handle that closes it. */
export interface EmbeddedDatabase extends DocumentDatabase {
  close(): Promise<void>;
}

/** Opens `name` (a path for LevelDB, any name for memory); resolves once it answers, so a held lock shows now. */
export async function openEmbeddedDatabase(name: string, adapter: 'leveldb' | 'memory'): Promise<EmbeddedDatabase> {
  const db = new PouchDB(name, { adapter });
  await db.info();
  return {
    get: async (id, options) =>
      (await db.get(id, { conflicts: options?.conflicts ?? false, ...(options?.rev && { rev: options.rev }) })) as unknown as StoredDocument,
    async put(doc) {
      const written = await db.put(doc);
      return { id: written.id, rev: written.rev };
    },
    async putWithQuorum(doc) {
      const written = await db.put(doc);
      return { id: written.id, rev: written.rev, quorum: true };
    },
    remove: async (id, rev) => ({ rev: (await db.remove(id, rev)).rev }),
    async bulkDocs(docs) {
      const results = await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
      return results.map((result): BulkResult =>
        'error' in result && result.error
          ? { id: result.id!, error: result.name ?? 'error', reason: result.message ?? '', status: result.status ?? 500 }
          : { ok: true, id: result.id!, rev: (result as PouchDB.Core.Response).rev });
    },
    async allDocs(options) {
      const include_docs = options.includeDocs ?? false;
      const result = options.keys
        ? await db.allDocs({ keys: [...options.keys], include_docs })
        : await db.allDocs({
            include_docs,
            ...(options.startkey !== undefined && { startkey: options.startkey }),
            ...(options.endkey !== undefined && { endkey: options.endkey }),
            ...(options.limit !== undefined && { limit: options.limit }),
          });
      return result.rows as unknown as AllDocsRow[];
    },
    async changes({ since, limit, includeDocs, allLeaves, wait }) {
      const read = (from: number) => db.changes({ since: from, limit, include_docs: includeDocs, ...(allLeaves && { style: 'all_docs' }) });
      let page = await read(since === null ? 0 : Number(since));
      if (wait && page.results.length === 0) {
        await nextChange(db, Number(page.last_seq), wait);
        page = await read(Number(page.last_seq));
      }
      return {
        results: page.results.map((change) => ({
          seq: String(change.seq),
          id: change.id,
          rev: change.changes[0]!.rev,
          ...(change.deleted && { deleted: true as const }),
          ...(includeDocs && change.doc && { doc: change.doc as unknown as StoredDocument }),
          ...(allLeaves && { leaves: change.changes.map((leaf) => leaf.rev) }),
        })),
        lastSeq: String(page.last_seq),
      };
    },
    currentSeq: async () => String((await db.info()).update_seq),
    watch(onChange, onError) {
      const feed = db.changes({ since: 'now', live: true });
      feed.on('change', () => onChange());
      feed.on('error', onError);
      return () => feed.cancel();
    },
    docCount: async () => (await db.info()).doc_count,
    async isPristine() {
      const info = await db.info();
      return info.doc_count === 0 && Number(info.update_seq) === 0;
    },
    async missingRevisions(revisions) {
      const diff = await db.revsDiff(revisions as Record<string, string[]>);
      return Object.fromEntries(Object.entries(diff).map(([id, { missing }]) => [id, missing ?? []]));
    },
    async readRevisions(wanted, options) {
      if (wanted.length === 0) return [];
      const { results } = await db.bulkGet({ docs: [...wanted], revs: true, ...(options?.attachments && { attachments: true }) });
      return results.flatMap(({ id, docs }) =>
        docs.map((found) => {
          if ('ok' in found) return found.ok as unknown as RevisionDocument;
          throw new StorageError(404, 'not_found', `revision missing of ${id}`);
        }));
    },
    async writeRevisions(docs) {
      if (docs.length === 0) return;
      const results = await db.bulkDocs(docs as unknown as PouchDB.Core.PutDocument<object>[], { new_edits: false });
      const failed = results.find((result) => 'error' in result && result.error) as PouchDB.Core.Error | undefined;
      if (failed) throw new StorageError(failed.status ?? 500, failed.name ?? 'error', `${failed.id}: ${failed.message ?? ''}`);
    },
    async putWithAttachment(doc, attachment) {
      const written = await db.put({
        ...doc,
        _attachments: { [attachment.name]: { content_type: attachment.contentType, data: attachment.data.toString('base64') } },
      });
      return { id: written.id, rev: written.rev };
    },
    getAttachment: async (id, name) => (await db.getAttachment(id, name)) as Buffer,
    close: () => db.close(),
  };
}

/** Resolves at the first change after `since`, or after `wait.ms`; rejects when `wait.signal` aborts. */
function nextChange(db: PouchDB.Database, since: number, wait: { ms: number; signal: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    const feed = db.changes({ since, live: true, limit: 1 });
    const end = (): void => {
      clearTimeout(timer);
      wait.signal.removeEventListener('abort', abort);
      feed.cancel();
    };
    const abort = (): void => {
      end();
      reject(wait.signal.reason);
    };
    const timer = setTimeout(() => (end(), resolve()), wait.ms);
    feed.on('change', () => (end(), resolve()));
    feed.on('error', (error) => (end(), reject(error)));
    wait.signal.addEventListener('abort', abort);
    if (wait.signal.aborted) abort();
  });
}
