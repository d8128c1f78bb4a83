/**
 * Reads many documents by id with one `get` each, in parallel. PouchDB's `allDocs({ keys })` opens a LevelDB
 * iterator per key; single gets answer the same question about 4× faster (measured: 10 ms against 41 ms for 200
 * ids), which the scope index and `_all_docs` feel on every batch.
 */
import type { Database } from './storage';

/** The live documents among `ids` by id (with `_rev`), and the ids that are deleted (missing ones are in neither). */
export async function readDocs<T extends { _id: string; _rev: string }>(
  db: Database,
  ids: readonly string[],
): Promise<{ live: Map<string, T>; deleted: Set<string> }> {
  const live = new Map<string, T>();
  const deleted = new Set<string>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        live.set(id, (await db.get(id)) as unknown as T);
      } catch (error) {
        const { status, reason } = error as { status?: number; reason?: string };
        if (status !== 404) throw error;
        if (reason === 'deleted') deleted.add(id);
      }
    }),
  );
  return { live, deleted };
}

/** The live documents among `ids`, by id (with `_rev`); deleted and missing ones are left out. */
export async function readLiveDocs<T extends { _id: string; _rev: string }>(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, T>> {
  return (await readDocs<T>(db, ids)).live;
}
