/** `_all_docs` by keys, scoped: a document the user may not see answers exactly like one that does not exist. */
import type { FeedCollection } from '../../app/model/constants';
import type { SessionUser } from '../../app/model/user';
import { canSee, type StoredDoc } from './feed-docs';
import { readDocs } from './read-docs';
import type { Storage } from './storage';

/** A row of `_all_docs`, as CouchDB writes it. */
export type AllDocsRow =
  | { id: string; key: string; value: { rev: string; deleted?: true }; doc?: StoredDoc | null }
  | { key: string; error: 'not_found' };

/** Looks `keys` up in `collection` as `user`; deleted documents are shown to agents only (customers: not_found). */
export async function readAllDocs(
  storage: Storage,
  user: SessionUser,
  collection: FeedCollection,
  keys: readonly string[],
  includeDocs: boolean,
): Promise<{ total_rows: number; offset: number; rows: AllDocsRow[] }> {
  const { live, deleted } = await readDocs<StoredDoc>(storage[collection], keys);
  const byKey = new Map<string, AllDocsRow>();
  for (const [key, doc] of live) {
    byKey.set(key, canSee(user, doc)
      ? { id: key, key, value: { rev: doc._rev }, ...(includeDocs && { doc }) }
      : { key, error: 'not_found' });
  }
  // A tombstone carries no customerId to scope it by; deletions are admin-only, so only agents see them. Only
  // their revisions are read again (a new document, the usual key before a push, costs nothing more).
  if (user.role === 'agent' && deleted.size) {
    for (const row of await storage[collection].allDocs({ keys: [...deleted] })) {
      if ('value' in row && row.value.deleted) {
        byKey.set(row.key, { id: row.key, key: row.key, value: { rev: row.value.rev, deleted: true }, ...(includeDocs && { doc: null }) });
      }
    }
  }
  const rows = keys.map((key) => byKey.get(key) ?? { key, error: 'not_found' as const });
  return { total_rows: rows.length, offset: 0, rows };
}
