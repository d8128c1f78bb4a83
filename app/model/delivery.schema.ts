/**
 * The `deliveries` document: one per email reply (its id is the message's), the state of its mail as the server
 * last recorded it. Only the server writes it and only agents replicate it (pull-only); a customer's device never
 * has the collection (ARCHITECTURE.md "Additions").
 */
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { LIMITS } from './constants';

/** Queued (waiting to go, or being retried), sent (the SMTP server took it), failed (for good, with the SMTP reason). */
export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;
export type EmailDeliveryState = (typeof DELIVERY_STATES)[number];

const deliverySchemaLiteral = {
  title: 'delivery',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: LIMITS.idMax },
    schemaVersion: { type: 'integer' },
    messageId: { type: 'string', maxLength: LIMITS.idMax },
    ticketId: { type: 'string', maxLength: LIMITS.idMax },
    state: { type: 'string', enum: [...DELIVERY_STATES], maxLength: 16 },
    reason: { type: ['string', 'null'] },
    attempts: { type: 'integer', minimum: 0 },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'schemaVersion', 'messageId', 'ticketId', 'state', 'reason', 'attempts', 'updatedAt'],
  indexes: ['ticketId'],
  // Not closed: the server may add a field before the device knows it, and the device only reads these.
} as const;

/** The delivery's JSON schema, typed for RxDB. */
export const deliverySchema: RxJsonSchema<DeliveryDoc> = deliverySchemaLiteral as unknown as RxJsonSchema<DeliveryDoc>;

/** A delivery document as the server stores it (without CouchDB's `_id`/`_rev`) and the agent's device keeps it. */
export type DeliveryDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof deliverySchemaLiteral>;
