/**
 * The customer's writes, to the device first: built by the shared builders (app/model/writes) and checked by
 * the same rules the server applies (a refused document would otherwise block a replication batch), marked
 * pending in the outbox, then written. A write the device refuses (out of space) rejects with a sentence for
 * the screen and leaves no pending mark behind. Files given with a request or a reply are kept on the device and
 * queued for upload first (`files/`); the message names them and is sent once they are on the server.
 */
import {
  buildCustomerReply, buildFirstMessage, buildNewRequest, buildRating, buildStatusChange, messageWriteError, newId,
  ticketWriteError, type AttachmentLimits, type Channel, type NewRequestInput, type RatingValue, type SessionUser,
  type TicketDoc, type WriteContext,
} from '../../../model';
import type { DeviceFiles, FileLike } from '../files/device-files';
import type { PortalDatabase } from '../database';
import { writePending } from './pending-write';
import { outboxKey, type Outbox } from '../replication/outbox-store';
import { REPLY_NOT_SAVED as REPLY, type WriteAction } from './storage-trouble';
import { throwIfRefused } from './write-error';
import { checkConversation, messageInsertStep, storedTicket, ticketChangeStep, ticketInsertStep } from './write-steps';

const REQUEST: WriteAction = { notSaved: 'your request was not saved', kept: true, retry: 'submit it again' };
const RESOLVE: WriteAction = { notSaved: 'the ticket was not marked resolved', kept: false, retry: 'try again' };
const RATE: WriteAction = { notSaved: 'your rating was not saved', kept: true, retry: 'send it again' };

/** The message text and files of a new request, as the screen gives them. */
export type RequestInput = Omit<NewRequestInput, 'attachments'> & { files?: readonly FileLike[] };

/** The writes of `user` on `db`; `limits` bound the files a message names (the server's, as last heard). */
export function createWrites(db: PortalDatabase, user: SessionUser, outbox: Outbox, files: DeviceFiles, limits: () => AttachmentLimits) {
  const context = (): WriteContext => ({ user, now: Date.now(), newId });

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

  return {
    /** Creates a ticket and its first message (id = ticket id = conversation id); returns the ticket id. */
    async createTicket({ files: chosen, ...input }: RequestInput): Promise<string> {
      const ctx = context();
      const prepared = await files.prepare(chosen);
      const built = buildNewRequest({ ...input, attachments: prepared.named }, ctx);
      throwIfRefused(ticketWriteError(user, null, built.ticket) ?? messageWriteError(user, null, built.message, built.ticket, limits()));
      const earlier = await halfWrittenTicket(built.ticket.subject, built.ticket.description);
      const ticket = earlier ?? built.ticket;
      const message = earlier ? buildFirstMessage(earlier, input.message, ctx, prepared.named) : built.message;
      if (earlier) throwIfRefused(messageWriteError(user, null, message, earlier, limits()));
      const steps = [...(earlier ? [] : [ticketInsertStep(db, built.ticket)]), messageInsertStep(db, message)];
      await files.writeWith(prepared, { messageId: message.id, ticketId: ticket.id, visibility: 'public' }, REQUEST, () =>
        writePending(outbox, REQUEST, steps, earlier ? { id: earlier.id, collection: 'tickets' } : undefined));
      return ticket.id;
    },

    /** Appends a reply to a conversation of the ticket; a pending or resolved ticket opens again. */
    async reply({ files: chosen, ...input }: { ticketId: string; conversationId: string; channel: Channel; body: string; files?: readonly FileLike[] }): Promise<void> {
      const ticket = await storedTicket(db, input.ticketId);
      await checkConversation(db, ticket.id, input.conversationId);
      const prepared = await files.prepare(chosen);
      const { message, reopened } = buildCustomerReply({ ...input, attachments: prepared.named, ticket }, context());
      throwIfRefused(messageWriteError(user, null, message, ticket, limits()) ?? (reopened && ticketWriteError(user, ticket, reopened)));
      // Reopen first: should the device refuse the message after that, sending again only adds the message
      // (the other way round, it would add the message twice).
      await files.writeWith(prepared, { messageId: message.id, ticketId: ticket.id, visibility: 'public' }, REPLY, () =>
        writePending(outbox, REPLY, [...(reopened ? [ticketChangeStep(db, ticket, reopened)] : []), messageInsertStep(db, message)]));
    },

    /** Marks the ticket resolved (a no-op when it already is). */
    async markResolved(ticketId: string): Promise<void> {
      const ticket = await storedTicket(db, ticketId);
      const resolved = buildStatusChange(ticket, 'resolved', Date.now());
      if (!resolved) return;
      throwIfRefused(ticketWriteError(user, ticket, resolved));
      await writePending(outbox, RESOLVE, [ticketChangeStep(db, ticket, resolved)]);
    },

    /** Rates the answer on a resolved ticket (good or bad, an optional comment), or changes the rating; a no-op when it says the same. */
    async rate(ticketId: string, value: RatingValue, comment: string): Promise<void> {
      const ticket = await storedTicket(db, ticketId);
      const rated = buildRating(ticket, value, comment, Date.now());
      if (!rated) return;
      throwIfRefused(ticketWriteError(user, ticket, rated));
      await writePending(outbox, RATE, [ticketChangeStep(db, ticket, rated, 'rating')]);
    },

    /** Takes a refused rating's notice away (the screen has shown why it was not saved). */
    async dismissRatingFailure(ticketId: string): Promise<void> {
      const entry = outbox.entries()[outboxKey('tickets', ticketId)];
      if (entry?.state === 'failed' && entry.write === 'rating') await outbox.remove('tickets', ticketId);
    },
  };
}
