/**
 * The agent's writes, to the device first: validated with the shared rules, marked pending in the outbox,
 * then written; replication sends them like the customer's, with the same sending / sent / failed states. A
 * write the device refuses (out of space) rejects with a sentence for the screen and leaves no pending mark.
 */
import {
  newId, PRIORITIES, replyError, TICKET_STATUSES, SCHEMA_VERSION, ticketWriteError, messageWriteError,
  type Channel, type MessageDoc, type Priority, type SessionUser, type TicketDoc, type TicketStatus,
} from '../model';
import type { PortalDatabase } from './database';
import { writePending } from './pending-write';
import type { Outbox } from './replication/outbox-store';
import { REPLY_NOT_SAVED as REPLY, type WriteAction } from './storage-trouble';
import { throwIfRefused } from './write-error';

type MessageFields = Pick<MessageDoc, 'conversationId' | 'channel' | 'visibility' | 'body'>;
type TicketField = 'status' | 'priority' | 'assignee';

const NOTE: WriteAction = { notSaved: 'your note was not saved', kept: true, retry: 'add it again' };
const change = (field: TicketField): WriteAction => ({ notSaved: `the ${field} was not changed`, kept: false, retry: 'change it again' });

/** The writes of agent `user` on `db`. */
export function createAgentWrites(db: PortalDatabase, user: SessionUser, outbox: Outbox) {
  async function storedTicket(ticketId: string): Promise<TicketDoc> {
    const doc = await db.tickets.findOne(ticketId).exec();
    if (!doc) throw new Error('This ticket is not on this device.');
    return doc.toJSON() as TicketDoc;
  }

  async function writeMessage(ticketId: string, fields: MessageFields): Promise<void> {
    throwIfRefused(replyError(fields.body));
    const ticket = await storedTicket(ticketId);
    const message: MessageDoc = {
      id: newId(),
      schemaVersion: SCHEMA_VERSION,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      authorRole: 'agent',
      authorId: user.id,
      authorName: user.name,
      createdAt: Date.now(),
      ...fields,
      body: fields.body.trim(),
    };
    throwIfRefused(messageWriteError(user, null, message, ticket));
    await writePending(outbox, fields.visibility === 'internal' ? NOTE : REPLY, [
      { docs: [{ id: message.id, collection: 'messages' }], write: () => db.messages.insert(message) },
    ]);
  }

  async function changeTicket(ticketId: string, field: TicketField, next: (t: TicketDoc) => Partial<TicketDoc> | null): Promise<void> {
    const ticket = await storedTicket(ticketId);
    const patch = next(ticket);
    if (!patch) return;
    throwIfRefused(ticketWriteError(user, ticket, { ...ticket, ...patch }));
    await writePending(outbox, change(field), [
      { docs: [{ id: ticketId, collection: 'tickets' }], write: () => db.tickets.findOne(ticketId).incrementalPatch(patch) },
    ]);
  }

  return {
    /** A public reply on an existing conversation of the ticket (its first conversation's id is the ticket id). */
    async agentReply(input: { ticketId: string; conversationId: string; channel: Channel; body: string }): Promise<void> {
      if (input.conversationId !== input.ticketId) {
        const known = await db.messages.findOne({ selector: { ticketId: input.ticketId, conversationId: input.conversationId } }).exec();
        if (!known) throw new Error('This conversation does not belong to the ticket.');
      }
      await writeMessage(input.ticketId, {
        conversationId: input.conversationId, channel: input.channel, visibility: 'public', body: input.body,
      });
    },

    /** An internal note on the ticket's first conversation; the server never sends it to a customer. */
    async addInternalNote(input: { ticketId: string; body: string }): Promise<void> {
      await writeMessage(input.ticketId, {
        conversationId: input.ticketId, channel: 'portal', visibility: 'internal', body: input.body,
      });
    },

    /** A new conversation on `channel`, opened with its first message; returns its id. */
    async startConversation(input: { ticketId: string; channel: 'email' | 'chat'; body: string }): Promise<string> {
      if (input.channel !== 'email' && input.channel !== 'chat') throw new Error('A conversation starts on email or chat.');
      const conversationId = newId();
      await writeMessage(input.ticketId, { conversationId, channel: input.channel, visibility: 'public', body: input.body });
      return conversationId;
    },

    /** Sets the status, stamped later than the one it replaces so last-writer-wins keeps it. */
    setStatus(ticketId: string, status: TicketStatus): Promise<void> {
      if (!TICKET_STATUSES.includes(status)) return Promise.reject(new Error(`${String(status)} is not a status.`));
      return changeTicket(ticketId, 'status', (t) =>
        t.status === status ? null : { status, statusChangedAt: Math.max(Date.now(), t.statusChangedAt + 1) });
    },

    /** Sets the priority. */
    setPriority(ticketId: string, priority: Priority): Promise<void> {
      if (!PRIORITIES.includes(priority)) return Promise.reject(new Error(`${String(priority)} is not a priority.`));
      return changeTicket(ticketId, 'priority', (t) => (t.priority === priority ? null : { priority }));
    },

    /** Assigns the ticket to an agent, or unassigns it. */
    setAssignee(ticketId: string, agentId: string | null): Promise<void> {
      return changeTicket(ticketId, 'assignee', (t) => (t.assigneeId === agentId ? null : { assigneeId: agentId }));
    },
  };
}
