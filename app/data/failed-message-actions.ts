/**
 * What the user can do with a message the server refused: send it again (after checking it against the ticket
 * as the device knows it now) or discard it from the device. Customers never delete on the server.
 */
import { messageWriteError, type MessageDoc, type SessionUser, type TicketDoc } from '../model';
import type { PortalDatabase } from './database';
import type { Outbox } from './replication/outbox-store';
import { throwIfRefused } from './write-error';

/** Retry and discard for `user`'s refused messages on `db`. */
export function createFailedMessageActions(db: PortalDatabase, user: SessionUser, outbox: Outbox) {
  return {
    /** Sends a refused message again (after checking it against the ticket as the device knows it now). */
    async retryMessage(messageId: string): Promise<void> {
      if (!outbox.needsResend('messages', messageId)) return; // not refused: nothing to send again
      const doc = await db.messages.findOne(messageId).exec();
      if (!doc) throw new Error('This message is no longer on this device.');
      const message = doc.toJSON() as MessageDoc;
      const ticket = await db.tickets.findOne(message.ticketId).exec();
      throwIfRefused(messageWriteError(user, null, message, ticket ? (ticket.toJSON() as TicketDoc) : null));
      await outbox.markRetrying('messages', messageId);
      // A new local revision with the same content: the upstream picks it up, and the messages' conflict
      // handler reports it as different from the server's copy while it is marked for a retry.
      await doc.incrementalModify((data) => data);
    },

    /** Removes a refused message from the device (customers never delete on the server). */
    async discardMessage(messageId: string): Promise<void> {
      const doc = await db.messages.findOne(messageId).exec();
      await outbox.remove('messages', messageId);
      if (doc) await doc.remove();
    },
  };
}
