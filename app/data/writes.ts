/**
 * The customer's writes, to the device first: validated with the shared rules before writing (a refused
 * document would otherwise block a replication batch), marked pending in the outbox, then written.
 */
import {
  descriptionError, firstMessageError, messageWriteError, newId, replyError, replyReopens, SCHEMA_VERSION,
  subjectError, ticketWriteError, type Channel, type MessageDoc, type SessionUser, type TicketDoc,
} from '../model';
import type { PortalDatabase } from './database';
import type { Outbox } from './replication/outbox-store';
import { throwIfRefused } from './write-error';

/** A status change stamped later than the one it replaces, so last-writer-wins keeps it. */
function statusStamp(ticket: TicketDoc): number {
  return Math.max(Date.now(), ticket.statusChangedAt + 1);
}

/** The writes of `user` on `db`. */
export function createWrites(db: PortalDatabase, user: SessionUser, outbox: Outbox) {
  async function storedTicket(ticketId: string): Promise<TicketDoc> {
    const doc = await db.tickets.findOne(ticketId).exec();
    if (!doc) throw new Error('This ticket is not on this device.');
    return doc.toJSON() as TicketDoc;
  }

  function customerMessage(ticket: TicketDoc, fields: Pick<MessageDoc, 'id' | 'conversationId' | 'channel' | 'body'>): MessageDoc {
    return {
      schemaVersion: SCHEMA_VERSION,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      visibility: 'public',
      authorRole: 'customer',
      authorId: user.id,
      authorName: user.name,
      createdAt: Date.now(),
      ...fields,
    };
  }

  return {
    /** Creates a ticket and its first message (id = ticket id = conversation id); returns the ticket id. */
    async createTicket(input: { subject: string; description: string; message: string }): Promise<string> {
      throwIfRefused(subjectError(input.subject) ?? descriptionError(input.description) ?? firstMessageError(input.message));
      const id = newId();
      const now = Date.now();
      const ticket: TicketDoc = {
        id, schemaVersion: SCHEMA_VERSION, customerId: user.id, customerName: user.name, number: null,
        subject: input.subject.trim(), description: input.description.trim(), status: 'open', statusChangedAt: now,
        priority: 'medium', assigneeId: null, createdAt: now,
      };
      const message = { ...customerMessage(ticket, { id, conversationId: id, channel: 'portal', body: input.message.trim() }), createdAt: now };
      throwIfRefused(ticketWriteError(user, null, ticket) ?? messageWriteError(user, null, message, ticket));
      await outbox.markPending([{ id, collection: 'tickets' }, { id, collection: 'messages' }]);
      await db.tickets.insert(ticket);
      await db.messages.insert(message);
      return id;
    },

    /** Appends a reply to a conversation of the ticket; a pending or resolved ticket opens again. */
    async reply(input: { ticketId: string; conversationId: string; channel: Channel; body: string }): Promise<void> {
      throwIfRefused(replyError(input.body));
      const ticket = await storedTicket(input.ticketId);
      if (input.conversationId !== ticket.id) {
        const known = await db.messages.findOne({ selector: { ticketId: ticket.id, conversationId: input.conversationId } }).exec();
        if (!known) throw new Error('This conversation does not belong to the ticket.');
      }
      const message = customerMessage(ticket, {
        id: newId(), conversationId: input.conversationId, channel: input.channel, body: input.body.trim(),
      });
      throwIfRefused(messageWriteError(user, null, message, ticket));
      const reopened: TicketDoc | null = replyReopens(ticket.status)
        ? { ...ticket, status: 'open', statusChangedAt: statusStamp(ticket) }
        : null;
      if (reopened) throwIfRefused(ticketWriteError(user, ticket, reopened));
      await outbox.markPending([
        { id: message.id, collection: 'messages' },
        ...(reopened ? [{ id: ticket.id, collection: 'tickets' as const }] : []),
      ]);
      await db.messages.insert(message);
      if (reopened) {
        await db.tickets.findOne(ticket.id).incrementalPatch({ status: 'open', statusChangedAt: reopened.statusChangedAt });
      }
    },

    /** Marks the ticket resolved (a no-op when it already is). */
    async markResolved(ticketId: string): Promise<void> {
      const ticket = await storedTicket(ticketId);
      if (ticket.status === 'resolved') return;
      const next: TicketDoc = { ...ticket, status: 'resolved', statusChangedAt: statusStamp(ticket) };
      throwIfRefused(ticketWriteError(user, ticket, next));
      await outbox.markPending([{ id: ticketId, collection: 'tickets' }]);
      await db.tickets.findOne(ticketId).incrementalPatch({ status: 'resolved', statusChangedAt: next.statusChangedAt });
    },
  };
}
