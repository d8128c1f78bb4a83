/**
 * Writes replicated documents on behalf of a user, as `_bulk_docs` does (and the demo seeder): shape checks and
 * the "Who writes what" rules from app/model, server-owned fields stamped, stale revisions answered `conflict`.
 * A refused document gets a CouchDB-style per-document error and nothing of it is stored.
 */
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../../app/model/attachment';
import type { CollectionName } from '../../app/model/constants';
import { checkMessageShape, checkTicketShape } from '../../app/model/document-shape';
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import type { ServerConfig } from '../config';
import { readAttachmentMetas, type AttachmentMeta } from './attachment-store';
import { isInputProblem, readIncomingDoc, type IncomingDoc } from './document-writer-input';
import { withDocumentLock } from './document-writer-lock';
import { canSee, readStoredDoc, toModelDoc, toStoredBody } from './feed-docs';
import type { FeedIndex } from './feed-index';
import type { Storage } from './storage';
import { prepareMessage, prepareTicket, type Refusal } from './document-writer-rules';

/**
 * What the writer needs: the storage (ticket numbers are kept per storage, so all writers share one counter) and
 * the attachment limits of the configuration (the defaults without one, as for the demo seeder). With `index`,
 * each stored document is indexed before its write is answered (in cluster mode the feeds of every server wake
 * then, not once the index writer has read CouchDB's feed).
 */
export interface WriterContext {
  storage: Storage;
  config?: Pick<ServerConfig, 'attachmentMaxBytes' | 'attachmentMaxFiles'>;
  index?: Pick<FeedIndex, 'indexWritten'>;
}

function attachmentLimits(ctx: WriterContext): AttachmentLimits {
  return ctx.config ? { maxBytes: ctx.config.attachmentMaxBytes, maxFiles: ctx.config.attachmentMaxFiles } : DEFAULT_ATTACHMENT_LIMITS;
}

/** The stored uploads a message names, read in one storage read; none read past the limit (the rule refuses it). */
function readNamedUploads(ctx: WriterContext, message: MessageDoc, limits: AttachmentLimits): Promise<Map<string, AttachmentMeta>> {
  const ids = (message.attachments ?? []).map((file) => file.id);
  return ids.length > limits.maxFiles ? Promise.resolve(new Map()) : readAttachmentMetas(ctx.storage, ids);
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
  // A message's rule needs its ticket and the uploads it names as stored: read at once with the message, one round trip.
  const limits = attachmentLimits(ctx);
  const message = collection === 'messages' ? (shape.doc as MessageDoc) : null;
  const ticketRead = message ? readStoredDoc(ctx.storage.tickets, message.ticketId) : null;
  const uploadsRead = message ? readNamedUploads(ctx, message, limits) : null;
  for (const read of [ticketRead, uploadsRead]) read?.catch(() => undefined); // awaited below unless refused first
  const stored = await readStoredDoc(db, id);
  if (stored && !canSee(user, stored)) return refuse(id, 'forbidden', 'you cannot write this document');
  if (stored?._rev !== rev) return refuse(id, 'conflict', 'Document update conflict.');
  const next =
    collection === 'tickets'
      ? await prepareTicket(ctx, user, stored, shape.doc as TicketDoc)
      : prepareMessage(user, stored, message!, { storedTicket: await ticketRead!, uploads: await uploadsRead!, limits });
  if ('error' in next) return next;
  if (stored && sameFields(toModelDoc(stored), next)) return { ok: true, id, rev: stored._rev };
  try {
    const body = toStoredBody(next as { id: string } & Record<string, unknown>);
    const written = await db.put(stored ? { ...body, _id: id, _rev: stored._rev } : { ...body, _id: id });
    await ctx.index?.indexWritten(collection, [
      { id, rev: written.rev, customerId: next.customerId, visible: (next as Partial<MessageDoc>).visibility !== 'internal' },
    ]);
    return { ok: true, id, rev: written.rev };
  } catch (error) {
    if ((error as { status?: number }).status === 409) return refuse(id, 'conflict', 'Document update conflict.');
    throw error;
  }
}

/** Field for field, arrays of objects (the files a message names) by value. */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => isDeepStrictEqual(a[key], b[key]));
}
