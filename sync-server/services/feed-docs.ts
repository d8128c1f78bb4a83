/** Stored CouchDB documents (`_id`, `_rev`) versus model documents (`id`), and who may see one (every read path). */
import type { SessionUser } from '../../app/model/user';
import type { Database } from './storage';

/** A document as stored: the model's fields with `_id` in place of `id`, plus `_rev`. */
export interface StoredDoc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  customerId?: string;
  visibility?: string;
  [field: string]: unknown;
}

/** The model document (`id` instead of `_id`, no `_rev`). */
export function toModelDoc(stored: StoredDoc): Record<string, unknown> {
  const { _id, _rev: _ignored, ...fields } = stored;
  return { id: _id, ...fields };
}

/** The body to store for a model document (`_id` instead of `id`). */
export function toStoredBody(doc: { id: string } & Record<string, unknown>): Record<string, unknown> {
  const { id, ...fields } = doc;
  return { _id: id, ...fields };
}

/** Whether `user` may see `doc`: agents see everything, a customer their own non-internal documents. */
export function canSee(user: SessionUser, doc: { customerId?: unknown; visibility?: unknown }): boolean {
  if (user.role === 'agent') return true;
  return doc.customerId === user.id && doc.visibility !== 'internal';
}

/** Reads a stored document, or null when it does not exist (or was deleted). */
export async function readStoredDoc(db: Database, id: string): Promise<StoredDoc | null> {
  try {
    return (await db.get(id)) as unknown as StoredDoc;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
