/**
 * One value kept on the device in a local document of the core's database: never replicated, shared by every tab
 * of the device. For what a view keeps for itself (the agent's seen counts, the agents list, the inbox index).
 */
import { map, type Observable } from 'rxjs';
import type { LocalDocsDatabase } from './replication/outbox-store';

/** A stored value, its changes, and the way to replace it. */
export interface LocalValue<T> {
  /** The value as stored now and at each change (null while nothing is stored). */
  changes$: Observable<T | null>;
  read(): Promise<T | null>;
  /** Replaces the value; rejects when the device refuses the write or the database is closed. */
  write(value: T): Promise<void>;
}

/** The value under `id` in `db`'s local documents. */
export function localValue<T extends object>(db: LocalDocsDatabase & { closed?: boolean }, id: string): LocalValue<T> {
  return {
    changes$: db.getLocal$<T>(id).pipe(map((doc) => (doc ? (doc.toJSON().data as T) : null))),
    read: async () => ((await db.getLocal<T>(id))?.toJSON().data as T | undefined) ?? null,
    async write(value) {
      if (db.closed) throw new Error('The database is closed.');
      await db.upsertLocal<T>(id, value);
    },
  };
}

/**
 * The local document `id`, inserted with `initial` when missing: another tab inserting it at the same moment is
 * fine (its copy is read); any other refusal (a full device) rejects. For stores that modify their document.
 */
export async function localDocument<T extends object>(db: LocalDocsDatabase, id: string, initial: T) {
  const found = await db.getLocal<T>(id);
  if (found) return found;
  const refused = await db.insertLocal<T>(id, initial).then(() => null, (error: unknown) => error);
  const doc = await db.getLocal<T>(id);
  if (!doc) throw refused;
  return doc;
}
