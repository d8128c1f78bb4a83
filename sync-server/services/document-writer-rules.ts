/**
 * The rules step of the document writer: "Who writes what" from app/model/writes (the dispatcher that applies
 * each write's rule, the same the device checks its built documents with), against the stored document (and,
 * for a message, its stored ticket); server-owned fields stamped on creation and kept on updates.
 */
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { messageWriteError, ticketWriteError } from '../../app/model/writes/write-rules';
import { getUser } from './accounts';
import type { WriteResult, WriterContext } from './document-writer';
import { toModelDoc, type StoredDoc } from './feed-docs';
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
    return { ...next, number, customerName: previous.customerName };
  }
  const customer = await getUser(ctx.storage, next.customerId);
  // The session's own name stands in when a customer's account cannot be read back (it was checked at sign-in).
  const self = user.role === 'customer' && next.customerId === user.id;
  const customerName = customer?.role === 'customer' ? customer.name : self ? user.name : null;
  if (customerName === null) return forbidden(next.id, 'tickets belong to a customer account');
  return { ...next, customerName, number: await ticketNumbersFor(ctx.storage).next() };
}

/** Checks a message write against the stored message and its stored ticket (read by the caller); returns it, or the refusal. */
export function prepareMessage(
  user: SessionUser,
  stored: StoredDoc | null,
  next: MessageDoc,
  storedTicket: StoredDoc | null,
): MessageDoc | Refusal {
  const previous = stored ? (toModelDoc(stored) as MessageDoc) : null;
  const ticket = storedTicket ? (toModelDoc(storedTicket) as TicketDoc) : null;
  const error = messageWriteError(user, previous, next, ticket);
  return error ? forbidden(next.id, error) : next;
}
