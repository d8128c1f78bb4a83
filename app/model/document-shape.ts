/** Shape checks for replicated documents (known fields only, right types), shared by the device and the server. */
import { z } from 'zod/mini';
import { ATTACHMENT_NAME_MAX } from './attachment';
import {
  AUTHOR_ROLES, CHANNELS, LIMITS, PRIORITIES, RATING_VALUES, TICKET_STATUSES, VISIBILITIES,
} from './constants';
import { ATTACHMENT_TYPE_MAX, type MessageDoc } from './message.schema';
import type { TicketDoc } from './ticket.schema';

// A leading underscore is CouchDB's: `_design/…` and `_local/…` ids would become special documents.
const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.idMax), z.regex(/^[^_]/));
const timestamp = z.int().check(z.nonnegative());

const ticketShape = z.strictObject({
  id,
  schemaVersion: z.int(),
  customerId: id,
  customerName: z.string().check(z.maxLength(LIMITS.nameMax)),
  number: z.nullable(z.int().check(z.positive())),
  subject: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  statusChangedAt: timestamp,
  priority: z.enum(PRIORITIES),
  assigneeId: z.nullable(id),
  createdAt: timestamp,
  // Types and bounds only; the comment's length, who rates and when is the rating rule's (`writes/rating.ts`), in words.
  rating: z.optional(z.strictObject({ value: z.enum(RATING_VALUES), comment: z.string(), ratedAt: timestamp })),
});

// Types and bounds only; what makes an entry well-formed (id, name, size, hash, how many) is the rule's, in words.
const namedFile = z.strictObject({
  id: z.string().check(z.maxLength(LIMITS.idMax)),
  name: z.string().check(z.maxLength(2 * ATTACHMENT_NAME_MAX)),
  type: z.string().check(z.maxLength(ATTACHMENT_TYPE_MAX)),
  size: z.int().check(z.nonnegative()),
  sha256: z.string().check(z.maxLength(64)),
});

const messageShape = z.strictObject({
  id,
  schemaVersion: z.int(),
  ticketId: id,
  customerId: id,
  conversationId: id,
  channel: z.enum(CHANNELS),
  visibility: z.enum(VISIBILITIES),
  authorRole: z.enum(AUTHOR_ROLES),
  authorId: id,
  authorName: z.string().check(z.maxLength(LIMITS.nameMax)),
  body: z.string(),
  createdAt: timestamp,
  attachments: z.optional(z.array(namedFile)),
});

/** The result of a shape check: the typed document, or a reason naming the first bad field. */
export type ShapeResult<T> = { ok: true; doc: T } | { ok: false; reason: string };

function describeIssue(issue: { code: string; path: PropertyKey[]; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys?.join(', ')}`;
  const field = issue.path.map(String).join('.') || 'document';
  return issue.code === 'invalid_type' && issue.path.length > 0
    ? `field ${field} is missing or of the wrong type`
    : `field ${field} is invalid`;
}

function check<T>(shape: z.ZodMiniType, value: unknown): ShapeResult<T> {
  const result = shape.safeParse(value);
  if (result.success) return { ok: true, doc: result.data as T };
  return { ok: false, reason: describeIssue(result.error.issues[0] as never) };
}

/** Checks that `value` is a well-formed ticket (no CouchDB `_` fields). */
export function checkTicketShape(value: unknown): ShapeResult<TicketDoc> {
  return check<TicketDoc>(ticketShape, value);
}

/** Checks that `value` is a well-formed message (no CouchDB `_` fields). */
export function checkMessageShape(value: unknown): ShapeResult<MessageDoc> {
  return check<MessageDoc>(messageShape, value);
}
