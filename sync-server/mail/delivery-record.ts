/**
 * The delivery state of one email reply, in `storage.deliveries` under the message's id (the shared contract):
 * queued, sent, or failed with the SMTP reason. Written only by the server sending it; agents read it.
 */
import type { Storage } from '../services/storage';
import { isConflict, type StoredDocument } from '../services/storage-engine';

export type DeliveryState = 'queued' | 'sent' | 'failed';

/** The document as agents replicate it. */
export interface DeliveryDoc {
  id: string;
  messageId: string;
  ticketId: string;
  state: DeliveryState;
  reason: string | null;
  attempts: number;
  updatedAt: string;
  schemaVersion: 1;
}

type StoredDelivery = StoredDocument & DeliveryDoc;

/** Creates the queued delivery of a message; false when it exists (another server, or an earlier run, queued it). */
export async function createQueuedDelivery(storage: Storage, messageId: string, ticketId: string, now: Date): Promise<boolean> {
  const doc: DeliveryDoc = { id: messageId, messageId, ticketId, state: 'queued', reason: null, attempts: 0, updatedAt: now.toISOString(), schemaVersion: 1 };
  try {
    await storage.deliveries.put({ _id: messageId, ...doc });
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

/** The delivery of `messageId`, or undefined. */
export async function readDelivery(storage: Storage, messageId: string): Promise<StoredDelivery | undefined> {
  try {
    return (await storage.deliveries.get(messageId)) as StoredDelivery;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** Records an attempt's outcome (read again and written again when the revision moved meanwhile). */
export async function recordDelivery(
  storage: Storage,
  messageId: string,
  change: Pick<DeliveryDoc, 'state' | 'reason'> & { attempted: boolean },
  now: Date,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await readDelivery(storage, messageId);
    if (!current) return;
    const { _conflicts: _, ...fields } = current;
    try {
      await storage.deliveries.put({
        ...fields, state: change.state, reason: change.reason, attempts: current.attempts + (change.attempted ? 1 : 0), updatedAt: now.toISOString(),
      });
      return;
    } catch (error) {
      if (!isConflict(error) || attempt >= 5) throw error;
    }
  }
}
