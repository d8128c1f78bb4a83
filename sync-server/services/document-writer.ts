/**
 * Writes replicated documents on behalf of a user, as `_bulk_docs` does (and the demo seeder): shape checks and
 * the "Who writes what" rules from app/model, server-owned fields stamped, stale revisions answered `conflict`.
 * A refused document gets a CouchDB-style per-document error and nothing of it is stored.
 */
import type { CollectionName } from '../../app/model/constants';
import { checkMessageShape, checkTicketShape } from '../../app/model/document-shape';
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { isInputProblem, readIncomingDoc, type IncomingDoc } from './document-writer-input';
import { withDocumentLock } from './document-writer-lock';
import { canSee, readStoredDoc, toModelDoc, toStoredBody } from './feed-docs';
import type { Storage } from './storage';
import { prepareMessage, prepareTicket, type Refusal } from './document-writer-rules';

/** What the writer needs: the storage (ticket numbers are kept per storage, so all writers share one counter). */
export interface WriterContext {
  storage: Storage;
}

/** One document's outcome, in CouchDB's `_bulk_docs` answer form. */
export type WriteResult =
  | { ok: true; id: string; rev: string }
  | { id: string | null; error: 'conflict' | 'forbidden' | 'bad_request'; reason: string };

const refuse = (id: string, error: Refusal['error'], reason: string): Refusal => ({ id, error, reason });

/** Writes `docs` (CouchDB form: `_id`, optional `_rev`) to `collection` as `user`; one result per document, in order. */
export async function writeDocuments(
  ctx: WriterContext,
  user: SessionUser,
  collection: CollectionName,
  docs: readonly unknown[],
): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  // One at a time: a batch may carry the same id twice, and the second must see the first.
  for (const raw of docs) results.push(await writeOne(ctx, user, collection, raw));
  return results;
}

async function writeOne(ctx: WriterContext, user: SessionUser, collection: CollectionName, raw: unknown): Promise<WriteResult> {
  const incoming = readIncomingDoc(raw);
  if (isInputProblem(incoming)) return incoming;
  return withDocumentLock(`${collection}/${incoming.id}`, () => writeChecked(ctx, user, collection, incoming));
}

async function writeChecked(
  ctx: WriterContext,
  user: SessionUser,
  collection: CollectionName,
  incoming: IncomingDoc,
): Promise<WriteResult> {
  const { id, rev } = incoming;
  const shape = collection === 'tickets' ? checkTicketShape(incoming.fields) : checkMessageShape(incoming.fields);
  if (!shape.ok) return refuse(id, 'bad_request', shape.reason);
  const db = ctx.storage[collection];
  // A message's rule needs its ticket as stored: read at once with the message, one round trip to storage not two.
  const ticketRead = collection === 'messages' ? readStoredDoc(ctx.storage.tickets, (shape.doc as MessageDoc).ticketId) : null;
  ticketRead?.catch(() => undefined); // awaited below unless the write is refused first
  const stored = await readStoredDoc(db, id);
  if (stored && !canSee(user, stored)) return refuse(id, 'forbidden', 'you cannot write this document');
  if (stored?._rev !== rev) return refuse(id, 'conflict', 'Document update conflict.');
  const next =
    collection === 'tickets'
      ? await prepareTicket(ctx, user, stored, shape.doc as TicketDoc)
      : prepareMessage(user, stored, shape.doc as MessageDoc, await ticketRead!);
  if ('error' in next) return next;
  if (stored && sameFields(toModelDoc(stored), next)) return { ok: true, id, rev: stored._rev };
  try {
    const body = toStoredBody(next as { id: string } & Record<string, unknown>);
    const written = await db.put(stored ? { ...body, _id: id, _rev: stored._rev } : { ...body, _id: id });
    return { ok: true, id, rev: written.rev };
  } catch (error) {
    if ((error as { status?: number }).status === 409) return refuse(id, 'conflict', 'Document update conflict.');
    throw error;
  }
}

function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}
