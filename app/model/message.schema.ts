/** The `messages` document: RxDB JSON schema literal (also the server's shape) and its TypeScript type. */
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { ATTACHMENT_NAME_MAX } from './attachment';
import { AUTHOR_ROLES, CHANNELS, LIMITS, VISIBILITIES } from './constants';

/** The longest media type a message names for a file (`type/subtype`, 63 characters each at most). */
export const ATTACHMENT_TYPE_MAX = 127;

const messageSchemaLiteral = {
  title: 'message',
  // 1: optional `attachments` (schemaVersion 2); a version-0 message is kept as it was (`database.ts`).
  version: 1,
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
    /** The files the message names, uploaded before it was sent (`/api/attachments`); absent when none. */
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', maxLength: LIMITS.idMax },
          name: { type: 'string', maxLength: ATTACHMENT_NAME_MAX },
          type: { type: 'string', maxLength: ATTACHMENT_TYPE_MAX },
          size: { type: 'integer', minimum: 0 },
          sha256: { type: 'string', maxLength: 64 },
        },
        required: ['id', 'name', 'type', 'size', 'sha256'],
        additionalProperties: false,
      },
    },
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

/** One file a message names: the attachment's id and the facts it was uploaded with. */
export type MessageAttachment = NonNullable<MessageDoc['attachments']>[number];
