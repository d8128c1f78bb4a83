/**
 * Who writes what (ARCHITECTURE.md), as one dispatcher: given a document a user writes and the stored revision,
 * it tells which write the document is and applies that write's rule (each rule sits beside its builder in this
 * folder). The server enforces it on every document it receives; the device checks what its builders made
 * before writing, so a refused document never blocks a replication batch. `null` when allowed, else the reason.
 */
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../attachment';
import { ACCEPTED_SCHEMA_VERSIONS, type UserRole } from '../constants';
import type { MessageDoc } from '../message.schema';
import { isFirstMessage } from '../text-rules';
import { SERVER_OWNED_TICKET_FIELDS, ticketSchema, type TicketDoc } from '../ticket.schema';
import type { SessionUser } from '../user';
import { assigneeChangeRule } from './assignee-change';
import { namedFilesRule, sameNamedFiles } from './named-files';
import { firstMessageRule, newTicketRule, requestTextRule } from './new-request';
import { priorityChangeRule } from './priority-change';
import { newTicketRatingError, ratingRule } from './rating';
import { agentMessageRule, customerMessageRule, replyBodyRule } from './reply';
import { statusChangeRule } from './status-change';
import type { Reason, TicketChangeRule } from './write-types';

/** Every write that changes a stored ticket, in the order their refusals are reported. */
const TICKET_CHANGES: readonly TicketChangeRule[] = [
  requestTextRule, priorityChangeRule, assigneeChangeRule, statusChangeRule, ratingRule,
];

/** What may differ from the stored ticket at all; any other field (`customerId`, `createdAt`, …) never changes. */
const CHANGEABLE = new Set<keyof TicketDoc>([
  'schemaVersion', ...SERVER_OWNED_TICKET_FIELDS, ...TICKET_CHANGES.flatMap((change) => change.fields),
]);
const TICKET_FIELDS = (ticketSchema.required ?? []) as readonly (keyof TicketDoc)[];

const ROLE_NOUNS: Record<UserRole, string> = { customer: 'a customer', agent: 'an agent' };

function schemaVersionError(doc: { schemaVersion: number }): Reason {
  return ACCEPTED_SCHEMA_VERSIONS.includes(doc.schemaVersion)
    ? null
    : `schemaVersion ${doc.schemaVersion} is not supported; update the app`;
}

/** Server-owned fields may be echoed (or left as the placeholder) but never set by a client. */
function serverOwnedError(previous: TicketDoc | null, next: TicketDoc): Reason {
  if (next.number !== null && next.number !== previous?.number) return 'the ticket number is assigned by the server';
  if (previous && next.customerName !== '' && next.customerName !== previous.customerName) {
    return 'the customer name is set by the server';
  }
  return null;
}

function unchangeableError(previous: TicketDoc, next: TicketDoc): Reason {
  const field = TICKET_FIELDS.find((key) => !CHANGEABLE.has(key) && next[key] !== previous[key]);
  return field ? `${field} cannot be changed` : null;
}

/** Applies the rule of every write whose fields differ (replication sends a ticket's latest state, several writes in one). */
function changesError(user: SessionUser, previous: TicketDoc, next: TicketDoc): Reason {
  for (const change of TICKET_CHANGES) {
    const field = change.changed
      ? (change.changed(previous, next) ? change.fields[0] : undefined)
      : change.fields.find((key) => next[key] !== previous[key]);
    if (field === undefined) continue;
    if (!change.roles.includes(user.role)) {
      return `${field} is changed by ${change.roles.map((role) => ROLE_NOUNS[role]).join(' or ')}`;
    }
    const error = change.check?.(user, previous, next) ?? null;
    if (error) return error;
  }
  return null;
}

/** Checks a ticket write. `previous` is the stored ticket, or `null` when the write creates it (a new request). */
export function ticketWriteError(user: SessionUser, previous: TicketDoc | null, next: TicketDoc): Reason {
  const base = schemaVersionError(next) ?? serverOwnedError(previous, next);
  if (base) return base;
  if (!previous) return newTicketRatingError(next) ?? newTicketRule(user, next);
  const unchangeable = unchangeableError(previous, next);
  if (unchangeable) return unchangeable;
  if (user.role === 'customer' && next.customerId !== user.id) return 'you can only change your own tickets';
  return changesError(user, previous, next);
}

/** Every field of both alike (a field only one of them has differs too, so none is added by a "re-send"). */
function sameMessage(a: MessageDoc, b: MessageDoc): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof MessageDoc)[]);
  return [...keys].every((key) => (key === 'attachments' ? sameNamedFiles(a.attachments, b.attachments) : a[key] === b[key]));
}

/**
 * Checks a message write. `previous` is the stored message (messages are immutable: only an identical
 * re-send passes); `ticket` is the stored ticket it belongs to, or `null` when it has not arrived yet
 * (tickets and messages replicate independently, so a message may reach the server before its ticket).
 * `limits` bound the files it names (the server's configuration; the device has them from `/api/portal`).
 */
export function messageWriteError(
  user: SessionUser,
  previous: MessageDoc | null,
  next: MessageDoc,
  ticket: TicketDoc | null,
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): Reason {
  const base = schemaVersionError(next);
  if (base) return base;
  if (previous) return sameMessage(previous, next) ? null : 'messages cannot be edited';
  if (ticket && ticket.customerId !== next.customerId) return 'the message does not belong to that ticket';
  // A new request's first message carries its ticket's id; every other message is a reply.
  const bodyError = isFirstMessage(next) ? firstMessageRule(next) : replyBodyRule(next);
  if (bodyError) return bodyError;
  if (next.authorRole === 'system') return 'system messages are written by the server';
  const roleError = user.role === 'agent' ? agentMessageRule(user, next) : customerMessageRule(user, next, ticket);
  return roleError ?? namedFilesRule(next, limits);
}
