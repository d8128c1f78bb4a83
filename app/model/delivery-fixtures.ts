/** Delivery documents for tests (the server's outbound mail writes the real ones): valid by default, overridable. */
import type { DeliveryDoc } from './delivery.schema';
import type { MessageDoc } from './message.schema';

/** The delivery of `message`'s email, queued by default. */
export function aDelivery(message: Pick<MessageDoc, 'id' | 'ticketId'>, overrides: Partial<DeliveryDoc> = {}): DeliveryDoc {
  return {
    id: message.id,
    schemaVersion: 1,
    messageId: message.id,
    ticketId: message.ticketId,
    state: 'queued',
    reason: null,
    attempts: 0,
    updatedAt: '2026-12-07T12:00:00.000Z',
    ...overrides,
  };
}
