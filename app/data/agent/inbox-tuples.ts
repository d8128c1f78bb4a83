/**
 * The stored inbox index writes each ticket and last message as an array of values in a fixed order, not an
 * object: the field names were a third of its 4.4 MB for 5,000 tickets, and every start reads and parses it.
 */
import type { InboxMessage, InboxTicket } from './inbox-index';

/** A ticket's fields in stored order. */
export type TicketTuple = [
  id: string, number: number | null, subject: string, customerId: string, customerName: string,
  status: InboxTicket['status'], priority: InboxTicket['priority'], assigneeId: string | null,
  createdAt: number, statusChangedAt: number, schemaVersion: number,
];
/** A last message's fields in stored order. */
export type MessageTuple = [createdAt: number, authorRole: InboxMessage['authorRole'], authorName: string, visibility: InboxMessage['visibility'], body: string];

export function ticketToTuple(t: InboxTicket): TicketTuple {
  return [t.id, t.number, t.subject, t.customerId, t.customerName, t.status, t.priority, t.assigneeId, t.createdAt, t.statusChangedAt, t.schemaVersion];
}

export function ticketFromTuple([id, number, subject, customerId, customerName, status, priority, assigneeId, createdAt, statusChangedAt, schemaVersion]: TicketTuple): InboxTicket {
  return { id, number, subject, customerId, customerName, status, priority, assigneeId, createdAt, statusChangedAt, schemaVersion };
}

export function messageToTuple(m: InboxMessage): MessageTuple {
  return [m.createdAt, m.authorRole, m.authorName, m.visibility, m.body];
}

export function messageFromTuple([createdAt, authorRole, authorName, visibility, body]: MessageTuple): InboxMessage {
  return { createdAt, authorRole, authorName, visibility, body };
}
