/**
 * The rules step of the document writer: "Who writes what" from app/model/writes (the dispatcher that applies
 * each write's rule, the same the device checks its built documents with), against the stored document (and,
 * for a message, its stored ticket and the stored uploads it names); server-owned fields stamped on creation and
 * kept on updates, and a ticket's rating stamped with the server's time when it changes (kept otherwise).
 */
import type { AttachmentLimits } from '../../app/model/attachment';
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { storedRating } from '../../app/model/writes/rating';
import { messageWriteError, ticketWriteError } from '../../app/model/writes/write-rules';
import { getUser } from './accounts';
import type { AttachmentMeta } from './attachment-store';
import type { WriteResult, WriterContext } from './document-writer';
import { toModelDoc, type StoredDoc } from './feed-docs';
import { namedUploadsError } from './named-uploads';
import { ticketNumbersFor } from './ticket-numbers';

/** A refused document in the `_bulk_docs` answer form. */
export type Refusal = Extract<WriteResult, { error: string }>;

const forbidden = (id: string, reason: string): Refusal => ({ id, error: 'forbidden', reason });

/** Checks a ticket write and returns the ticket to store (number and customerName stamped), or the refusal. */
export async function prepareTicket(
  ctx: WriterContext,
  user: SessionUser,
  stored: StoredDoc | null,
  next: TicketDoc,
): Promise<TicketDoc | Refusal> {
  const previous = stored ? (toModelDoc(stored) as TicketDoc) : null;
  const error = ticketWriteError(user, previous, next);
  if (error) return forbidden(next.id, error);
  if (previous) {
    const number = previous.number ?? (await ticketNumbersFor(ctx.storage).next());
    const { rating: _sent, ...fields } = next;
    return { ...fields, number, customerName: previous.customerName, ...storedRating(previous, next, Date.now()) };
  }
  const customer = await getUser(ctx.storage, next.customerId);
  // The session's own name stands in when a customer's account cannot be read back (it was checked at sign-in).
  const self = user.role === 'customer' && next.customerId === user.id;
  const customerName = customer?.role === 'customer' ? customer.name : self ? user.name : null;
  if (customerName === null) return forbidden(next.id, 'tickets belong to a customer account');
  return { ...next, customerName, number: await ticketNumbersFor(ctx.storage).next() };
}

/** What a message's rule reads besides the message itself (the caller reads them at once, with the message). */
export interface MessageSurroundings {
  storedTicket: StoredDoc | null;
  /** The stored attachments among those the message names, by id. */
  uploads: ReadonlyMap<string, AttachmentMeta>;
  limits: AttachmentLimits;
}

/** Checks a message write against the stored message, its ticket and the uploads it names; returns it, or the refusal. */
export function prepareMessage(
  user: SessionUser,
  stored: StoredDoc | null,
  next: MessageDoc,
  { storedTicket, uploads, limits }: MessageSurroundings,
): MessageDoc | Refusal {
  const previous = stored ? (toModelDoc(stored) as MessageDoc) : null;
  const ticket = storedTicket ? (toModelDoc(storedTicket) as TicketDoc) : null;
  // An identical re-send of a stored message passes as it did the first time; only a new one is checked against uploads.
  const error = messageWriteError(user, previous, next, ticket, limits) ?? (previous ? null : namedUploadsError(user, next, uploads));
  return error ? forbidden(next.id, error) : next;
}
