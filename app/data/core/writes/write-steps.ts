/**
 * What the customer's and the agent's writes do alike around the shared builders (app/model/writes): read the
 * ticket as the device holds it, check a conversation belongs to it, and turn built documents into write steps.
 */
import type { MessageDoc, TicketDoc } from '../../../model';
import type { PortalDatabase } from '../database';
import type { PendingDoc } from '../replication/outbox-store';
import type { WriteStep } from './pending-write';

/** The ticket as this device holds it; rejects when it is not here. */
export async function storedTicket(db: PortalDatabase, ticketId: string): Promise<TicketDoc> {
  const doc = await db.tickets.findOne(ticketId).exec();
  if (!doc) throw new Error('This ticket is not on this device.');
  return doc.toJSON() as TicketDoc;
}

/** Rejects unless `conversationId` is the ticket's first conversation (its own id) or one of its messages'. */
export async function checkConversation(db: PortalDatabase, ticketId: string, conversationId: string): Promise<void> {
  if (conversationId === ticketId) return;
  const known = await db.messages.findOne({ selector: { ticketId, conversationId } }).exec();
  if (!known) throw new Error('This conversation does not belong to the ticket.');
}

/**
 * Writes the built `next` over the stored ticket as a patch of only the fields it changed, so a field that
 * replication brought in meanwhile is kept. `write` names it in the outbox when the screen words it apart.
 */
export function ticketChangeStep(db: PortalDatabase, before: TicketDoc, next: TicketDoc, write?: PendingDoc['write']): WriteStep {
  const patch = Object.fromEntries(
    (Object.keys(next) as (keyof TicketDoc)[]).filter((key) => next[key] !== before[key]).map((key) => [key, next[key]]),
  ) as Partial<TicketDoc>;
  return { docs: [{ id: next.id, collection: 'tickets', ...(write && { write }) }], write: () => db.tickets.findOne(next.id).incrementalPatch(patch) };
}

/** Inserts a new ticket. */
export function ticketInsertStep(db: PortalDatabase, ticket: TicketDoc): WriteStep {
  return { docs: [{ id: ticket.id, collection: 'tickets' }], write: () => db.tickets.insert(ticket) };
}

/** Inserts a new message. */
export function messageInsertStep(db: PortalDatabase, message: MessageDoc): WriteStep {
  return { docs: [{ id: message.id, collection: 'messages' }], write: () => db.messages.insert(message) };
}
