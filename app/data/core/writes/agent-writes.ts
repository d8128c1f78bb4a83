/**
 * The agent's writes, to the device first: built by the shared builders (app/model/writes) and checked by the
 * rules the server applies, marked pending in the outbox, then written; replication sends them like the
 * customer's, with the same sending / sent / failed states. A write the device refuses (out of space) rejects
 * with a sentence for the screen and leaves no pending mark.
 */
import {
  buildAgentMessage, buildAssigneeChange, buildPriorityChange, buildStatusChange, messageWriteError, newId,
  ticketWriteError, type AttachmentLimits, type Channel, type Priority, type SessionUser, type TicketDoc, type TicketStatus,
  type Visibility,
} from '../../../model';
import type { DeviceFiles, FileLike } from '../files/device-files';
import type { PortalDatabase } from '../database';
import { writePending } from './pending-write';
import type { Outbox } from '../replication/outbox-store';
import { REPLY_NOT_SAVED as REPLY, type WriteAction } from './storage-trouble';
import { throwIfRefused } from './write-error';
import { checkConversation, messageInsertStep, storedTicket, ticketChangeStep } from './write-steps';

type MessageInput = {
  ticketId: string; conversationId?: string; channel: Channel; visibility: Visibility; body: string; files?: readonly FileLike[];
};
type TicketField = 'status' | 'priority' | 'assignee';

const NOTE: WriteAction = { notSaved: 'your note was not saved', kept: true, retry: 'add it again' };
const change = (field: TicketField): WriteAction => ({ notSaved: `the ${field} was not changed`, kept: false, retry: 'change it again' });

/** The writes of agent `user` on `db`; `limits` bound the files a message names (the server's, as last heard). */
export function createAgentWrites(db: PortalDatabase, user: SessionUser, outbox: Outbox, files: DeviceFiles, limits: () => AttachmentLimits) {
  /** Writes the agent's message (its files kept and queued first); returns its conversation's id (new when `input` names none). */
  async function writeMessage({ files: chosen, ...input }: MessageInput): Promise<string> {
    const ticket = await storedTicket(db, input.ticketId);
    const prepared = await files.prepare(chosen);
    const message = buildAgentMessage({ ...input, attachments: prepared.named, ticket }, { user, now: Date.now(), newId });
    throwIfRefused(messageWriteError(user, null, message, ticket, limits()));
    const action = input.visibility === 'internal' ? NOTE : REPLY;
    await files.writeWith(prepared, { messageId: message.id, ticketId: ticket.id, visibility: input.visibility }, action, () =>
      writePending(outbox, action, [messageInsertStep(db, message)]));
    return message.conversationId;
  }

  /** Writes what `build` makes of the stored ticket; nothing when it changes nothing. */
  async function changeTicket(ticketId: string, field: TicketField, build: (t: TicketDoc) => TicketDoc | null): Promise<void> {
    const ticket = await storedTicket(db, ticketId);
    const next = build(ticket);
    if (!next) return;
    throwIfRefused(ticketWriteError(user, ticket, next));
    await writePending(outbox, change(field), [ticketChangeStep(db, ticket, next)]);
  }

  return {
    /** A public reply on an existing conversation of the ticket (its first conversation's id is the ticket id). */
    async agentReply(input: { ticketId: string; conversationId: string; channel: Channel; body: string; files?: readonly FileLike[] }): Promise<void> {
      await checkConversation(db, input.ticketId, input.conversationId);
      await writeMessage({ ...input, visibility: 'public' });
    },

    /**
     * An internal note on the conversation it was written in (the ticket's first one when none is named); only
     * agents see it there, and the server never sends it to a customer.
     */
    async addInternalNote(input: { ticketId: string; conversationId?: string; channel?: Channel; body: string; files?: readonly FileLike[] }): Promise<void> {
      const conversationId = input.conversationId ?? input.ticketId;
      await checkConversation(db, input.ticketId, conversationId);
      await writeMessage({ ...input, conversationId, channel: input.channel ?? 'portal', visibility: 'internal' });
    },

    /** A new conversation on `channel`, opened with its first message; returns its id. */
    async startConversation(input: { ticketId: string; channel: 'email' | 'chat'; body: string; files?: readonly FileLike[] }): Promise<string> {
      if (input.channel !== 'email' && input.channel !== 'chat') throw new Error('A conversation starts on email or chat.');
      return writeMessage({ ...input, visibility: 'public' });
    },

    /** Sets the status, stamped later than the one it replaces so last-writer-wins keeps it. */
    setStatus(ticketId: string, status: TicketStatus): Promise<void> {
      return changeTicket(ticketId, 'status', (t) => buildStatusChange(t, status, Date.now()));
    },

    /** Sets the priority. */
    setPriority(ticketId: string, priority: Priority): Promise<void> {
      return changeTicket(ticketId, 'priority', (t) => buildPriorityChange(t, priority));
    },

    /** Assigns the ticket to an agent, or unassigns it. */
    setAssignee(ticketId: string, agentId: string | null): Promise<void> {
      return changeTicket(ticketId, 'assignee', (t) => buildAssigneeChange(t, agentId));
    },
  };
}
