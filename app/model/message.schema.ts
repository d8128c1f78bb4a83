/** The `messages` document: RxDB JSON schema literal (also the server's shape) and its TypeScript type. */
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { AUTHOR_ROLES, CHANNELS, LIMITS, VISIBILITIES } from './constants';

const messageSchemaLiteral = {
  title: 'message',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: LIMITS.idMax },
    schemaVersion: { type: 'integer' },
    ticketId: { type: 'string', maxLength: LIMITS.idMax },
    customerId: { type: 'string', maxLength: LIMITS.idMax },
    conversationId: { type: 'string', maxLength: LIMITS.idMax },
    channel: { type: 'string', enum: [...CHANNELS], maxLength: 16 },
    visibility: { type: 'string', enum: [...VISIBILITIES], maxLength: 16 },
    authorRole: { type: 'string', enum: [...AUTHOR_ROLES], maxLength: 16 },
    authorId: { type: 'string' },
    authorName: { type: 'string' },
    body: { type: 'string' },
    createdAt: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: [
    'id', 'schemaVersion', 'ticketId', 'customerId', 'conversationId', 'channel', 'visibility',
    'authorRole', 'authorId', 'authorName', 'body', 'createdAt',
  ],
  indexes: [['ticketId', 'createdAt'], 'createdAt'],
  additionalProperties: false,
} as const;

/** The message's JSON schema, typed for RxDB. Messages are immutable once written. */
export const messageSchema: RxJsonSchema<MessageDoc> = messageSchemaLiteral as unknown as RxJsonSchema<MessageDoc>;

/** A message document as stored on the device and on the server (without CouchDB's `_id`/`_rev`). */
export type MessageDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof messageSchemaLiteral>;
