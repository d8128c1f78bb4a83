/**
 * What the user can do with a message the server refused: send it again (after checking it against the ticket
 * as the device knows it now) or discard it from the device. Customers never delete on the server.
 */
import { messageWriteError, type AttachmentLimits, type MessageDoc, type SessionUser, type TicketDoc } from '../../../model';
import type { PortalDatabase } from '../database';
import { outboxKey, type Outbox } from '../replication/outbox-store';
import { writeTroubleMessage, type WriteAction } from './storage-trouble';
import { throwIfRefused } from './write-error';
import type { DeviceFiles } from '../files/device-files';

const RETRY: WriteAction = { notSaved: 'the message was not sent again', kept: true, retry: 'press Retry again' };
const DISCARD: WriteAction = { notSaved: 'the message was not discarded', kept: true, retry: 'press Discard again' };

/** Runs `write`; if the device refuses it, puts the refusal back (best effort) and rejects with `action`'s sentence. */
async function orRestore(write: () => Promise<unknown>, restore: () => Promise<unknown>, action: WriteAction): Promise<void> {
  try {
    await write();
  } catch (error) {
    await restore().catch(() => undefined);
    throw new Error(writeTroubleMessage(error, action), { cause: error });
  }
}

/** Retry and discard for `user`'s refused messages on `db`; `limits` bound the files a message names. */
export function createFailedMessageActions(db: PortalDatabase, user: SessionUser, outbox: Outbox, files: DeviceFiles, limits: () => AttachmentLimits) {
  /** Puts the message's refusal, as it is now, back in the outbox (for when the device refuses what follows). */
  const refusalKeeper = (messageId: string) => {
    const reason = outbox.entries()[outboxKey('messages', messageId)]?.reason ?? '';
    return () => outbox.refuse(messageId, 'messages', reason);
  };
  return {
    /** Sends a refused message again (after checking it against the ticket as the device knows it now). */
    async retryMessage(messageId: string): Promise<void> {
      if (!outbox.needsResend('messages', messageId)) return; // not refused: nothing to send again
      const doc = await db.messages.findOne(messageId).exec();
      if (!doc) throw new Error('This message is no longer on this device.');
      const message = doc.toJSON() as MessageDoc;
      const ticket = await db.tickets.findOne(message.ticketId).exec();
      throwIfRefused(messageWriteError(user, null, message, ticket ? (ticket.toJSON() as TicketDoc) : null, limits()));
      const refuseAgain = refusalKeeper(messageId);
      // A file the server refused goes again first: the message waits for it (replication holds it back).
      await orRestore(() => files.retry(messageId), refuseAgain, RETRY);
      await orRestore(() => outbox.markRetrying('messages', messageId), refuseAgain, RETRY);
      // A new local revision with the same content: the upstream picks it up, and the messages' conflict
      // handler reports it as different from the server's copy while it is marked for a retry.
      await orRestore(() => doc.incrementalModify((data) => data), refuseAgain, RETRY);
    },

    /** Removes a refused message from the device (customers never delete on the server). */
    async discardMessage(messageId: string): Promise<void> {
      const doc = await db.messages.findOne(messageId).exec();
      const refuseAgain = refusalKeeper(messageId);
      await orRestore(() => outbox.remove('messages', messageId), refuseAgain, DISCARD);
      if (doc) await orRestore(() => doc.remove(), refuseAgain, DISCARD);
      await files.discard(messageId).catch(() => undefined); // its kept files: nothing else will name them
    },
  };
}
