/**
 * The customer's writes, to the device first: validated with the shared rules before writing (a refused
 * document would otherwise block a replication batch), marked pending in the outbox, then written. A write the
 * device refuses (out of space) rejects with a sentence for the screen and leaves no pending mark behind.
 */
import {
  descriptionError, firstMessageError, messageWriteError, newId, replyError, replyReopens, SCHEMA_VERSION,
  subjectError, ticketWriteError, type Channel, type MessageDoc, type SessionUser, type TicketDoc,
} from '../model';
import type { PortalDatabase } from './database';
import { writePending } from './pending-write';
import type { Outbox } from './replication/outbox-store';
import { REPLY_NOT_SAVED as REPLY, type WriteAction } from './storage-trouble';
import { throwIfRefused } from './write-error';

const REQUEST: WriteAction = { notSaved: 'your request was not saved', kept: true, retry: 'submit it again' };
const RESOLVE: WriteAction = { notSaved: 'the ticket was not marked resolved', kept: false, retry: 'try again' };

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

  /**
   * A request whose ticket was written but whose first message the device refused (it ran out of space
   * between the two): submitting the same request again completes it instead of opening a second ticket.
   */
  async function halfWrittenTicket(subject: string, description: string): Promise<TicketDoc | null> {
    const candidates = await db.tickets.find({ selector: { customerId: user.id, subject, description } }).exec();
    for (const candidate of candidates) {
      if (!(await db.messages.findOne(candidate.id).exec())) return candidate.toJSON() as TicketDoc;
    }
    return null;
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
      const subject = input.subject.trim();
      const description = input.description.trim();
      const earlier = await halfWrittenTicket(subject, description);
      const id = earlier?.id ?? newId();
      const now = Date.now();
      const ticket: TicketDoc = earlier ?? {
        id, schemaVersion: SCHEMA_VERSION, customerId: user.id, customerName: user.name, number: null,
        subject, description, status: 'open', statusChangedAt: now, priority: 'medium', assigneeId: null, createdAt: now,
      };
      const message = { ...customerMessage(ticket, { id, conversationId: id, channel: 'portal', body: input.message.trim() }), createdAt: now };
      throwIfRefused((earlier ? null : ticketWriteError(user, null, ticket)) ?? messageWriteError(user, null, message, ticket));
      await writePending(outbox, REQUEST, [
        ...(earlier ? [] : [{ docs: [{ id, collection: 'tickets' as const }], write: () => db.tickets.insert(ticket) }]),
        { docs: [{ id, collection: 'messages' }], write: () => db.messages.insert(message) },
      ]);
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
      // Reopen first: should the device refuse the message after that, sending again only adds the message
      // (the other way round, it would add the message twice).
      await writePending(outbox, REPLY, [
        ...(reopened ? [{
          docs: [{ id: ticket.id, collection: 'tickets' as const }],
          write: () => db.tickets.findOne(ticket.id).incrementalPatch({ status: 'open', statusChangedAt: reopened.statusChangedAt }),
        }] : []),
        { docs: [{ id: message.id, collection: 'messages' }], write: () => db.messages.insert(message) },
      ]);
    },

    /** Marks the ticket resolved (a no-op when it already is). */
    async markResolved(ticketId: string): Promise<void> {
      const ticket = await storedTicket(ticketId);
      if (ticket.status === 'resolved') return;
      const next: TicketDoc = { ...ticket, status: 'resolved', statusChangedAt: statusStamp(ticket) };
      throwIfRefused(ticketWriteError(user, ticket, next));
      await writePending(outbox, RESOLVE, [{
        docs: [{ id: ticketId, collection: 'tickets' }],
        write: () => db.tickets.findOne(ticketId).incrementalPatch({ status: 'resolved', statusChangedAt: next.statusChangedAt }),
      }]);
    },
  };
}
