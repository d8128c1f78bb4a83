/** The `tickets` document: RxDB JSON schema literal (also the server's shape) and its TypeScript type. */
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { LIMITS, PRIORITIES, RATING_VALUES, TICKET_STATUSES } from './constants';

const ticketSchemaLiteral = {
  title: 'ticket',
  // 1: optional `rating` (issue 16) and `seen` (issue 10); a version-0 ticket is kept as it was (`database.ts`).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: LIMITS.idMax },
    schemaVersion: { type: 'integer' },
    customerId: { type: 'string', maxLength: LIMITS.idMax },
    customerName: { type: 'string' },
    number: { type: ['integer', 'null'] },
    subject: { type: 'string' },
    description: { type: 'string' },
    status: { type: 'string', enum: [...TICKET_STATUSES], maxLength: 16 },
    statusChangedAt: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
    priority: { type: 'string', enum: [...PRIORITIES], maxLength: 16 },
    assigneeId: { type: ['string', 'null'] },
    createdAt: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
    /** The customer's rating of the answer, given on the resolved ticket (`writes/rating.ts`); absent until rated. */
    rating: {
      type: 'object',
      properties: {
        value: { type: 'string', enum: [...RATING_VALUES], maxLength: 8 },
        comment: { type: 'string', maxLength: LIMITS.ratingCommentMax },
        ratedAt: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
      },
      required: ['value', 'comment', 'ratedAt'],
      additionalProperties: false,
    },
  },
  required: [
    'id', 'schemaVersion', 'customerId', 'customerName', 'number', 'subject', 'description',
    'status', 'statusChangedAt', 'priority', 'assigneeId', 'createdAt',
  ],
  indexes: ['createdAt', ['customerId', 'createdAt'], ['status', 'createdAt']],
  additionalProperties: false,
} as const;

/** The ticket's JSON schema, typed for RxDB. Timestamps are milliseconds since the epoch. */
export const ticketSchema: RxJsonSchema<TicketDoc> = ticketSchemaLiteral as unknown as RxJsonSchema<TicketDoc>;

/** A ticket document as stored on the device and on the server (without CouchDB's `_id`/`_rev`). */
export type TicketDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof ticketSchemaLiteral> & {
  number: number | null;
  assigneeId: string | null;
};

/** The customer's rating of a resolved ticket: good or bad, an optional comment, and when the server took it. */
export type TicketRating = NonNullable<TicketDoc['rating']>;

/** The fields of a ticket that only the server writes. */
export const SERVER_OWNED_TICKET_FIELDS = ['number', 'customerName'] as const;
