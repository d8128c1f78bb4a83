/**
 * A new request: the customer's ticket and its first message, built together; and the rules the server applies
 * to what it receives of them: the ticket's creation (a customer's starts open, medium and unassigned, as their
 * own; an agent may open one for a customer as they see fit), the first message's length, and the request's
 * text (subject, description), which after creation only agents edit, under the same text rules. The first
 * message may name files uploaded to the ticket (`named-files.ts`).
 */
import { SCHEMA_VERSION } from '../constants';
import type { MessageDoc } from '../message.schema';
import { descriptionError, firstMessageError, subjectError } from '../text-rules';
import type { TicketDoc } from '../ticket.schema';
import type { SessionUser } from '../user';
import { messageOn, type NamedFiles } from './reply';
import type { Reason, TicketChangeRule, WriteContext } from './write-types';

/** What the New Request form sends. */
export interface NewRequestInput {
  subject: string;
  description: string;
  message: string;
  /** The files the first message names, uploaded to the ticket before the message is sent. */
  attachments?: NamedFiles;
}

/** The first message of `ticket`: its id and conversation id are the ticket's, which marks it first (`isFirstMessage`). */
export function buildFirstMessage(ticket: TicketDoc, body: string, ctx: WriteContext, attachments?: NamedFiles): MessageDoc {
  const fields = { id: ticket.id, conversationId: ticket.id, channel: 'portal', visibility: 'public', body, attachments } as const;
  return messageOn(ticket, fields, ctx);
}

/** `ctx.user`'s new ticket (open, medium, unassigned, number still to come) and its first message, texts trimmed. */
export function buildNewRequest(input: NewRequestInput, ctx: WriteContext): { ticket: TicketDoc; message: MessageDoc } {
  const { user, now } = ctx;
  const ticket: TicketDoc = {
    id: ctx.newId(), schemaVersion: SCHEMA_VERSION, customerId: user.id, customerName: user.name, number: null,
    subject: input.subject.trim(), description: input.description.trim(), status: 'open', statusChangedAt: now,
    priority: 'medium', assigneeId: null, createdAt: now,
  };
  return { ticket, message: buildFirstMessage(ticket, input.message, ctx, input.attachments) };
}

function requestTextError(next: TicketDoc): Reason {
  return subjectError(next.subject) ?? descriptionError(next.description);
}

/** A ticket's creation by `user` (the dispatcher has checked the schema version and the server-owned fields). */
export function newTicketRule(user: SessionUser, next: TicketDoc): Reason {
  if (user.role === 'agent') return requestTextError(next);
  if (next.customerId !== user.id) return 'a ticket can only be created for yourself';
  if (next.status !== 'open') return 'a new ticket starts open';
  if (next.priority !== 'medium') return 'the priority is set by an agent';
  if (next.assigneeId !== null) return 'the assignee is set by an agent';
  return requestTextError(next);
}

/** After creation the request's text is the agents' to edit, under the same text rules. */
export const requestTextRule: TicketChangeRule = {
  fields: ['subject', 'description'],
  roles: ['agent'],
  check: (_user, _previous, next) => requestTextError(next),
};

/** A new request's first message: at least 10 characters (a reply needs one, `reply.ts`). */
export function firstMessageRule(next: MessageDoc): Reason {
  return firstMessageError(next.body);
}
