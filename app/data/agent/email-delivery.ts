/** An email reply's delivery state as the agent's screens show it, from the server's delivery document. */
import type { DeliveryDoc } from '../../model';
import type { EmailDelivery } from '../bridge/types';

/** The delivery to show for a message: none without a document (not an email reply, or not recorded yet). */
export function emailDeliveryOf(doc: DeliveryDoc | undefined): EmailDelivery | undefined {
  if (!doc) return undefined;
  if (doc.state === 'failed') return { state: 'failed', reason: doc.reason?.trim() || 'the mail server gave no reason' };
  return doc.state === 'sent' ? { state: 'sent' } : { state: 'queued' };
}

/** A key that changes exactly when what the screen shows of the delivery changes. */
export function emailDeliveryKey(delivery: EmailDelivery | undefined): string {
  if (!delivery) return '';
  return delivery.state === 'failed' ? `failed:${delivery.reason}` : delivery.state;
}
