/**
 * A reply, the customer's and the agent's: the builders the device runs and the rules the server applies to
 * the message it receives. A customer replies in public, as themselves, on their own ticket while it is not
 * closed, and a pending or resolved ticket opens again. An agent replies on any conversation or starts one, in
 * public or as an internal note: a note is the agent's reply with `visibility: 'internal'`, the same document
 * under the same rule, and what sets it apart (only agents write internal) is a line of the customer's rule.
 * Any of them may name files uploaded to the ticket beforehand (their rule: `named-files.ts`).
 */
import { SCHEMA_VERSION, type Channel, type Visibility } from '../constants';
import type { MessageAttachment, MessageDoc } from '../message.schema';
import { replyError } from '../text-rules';
import type { TicketDoc } from '../ticket.schema';
import type { SessionUser } from '../user';
import { namedFilesField } from './named-files';
import { buildStatusChange, CLOSED_TICKET, replyReopens } from './status-change';
import type { Reason, WriteContext } from './write-types';

/** The files a message is to name: what their uploads were told (`/api/attachments`); names are sanitised here. */
export type NamedFiles = readonly MessageAttachment[];

type MessageFields = Pick<MessageDoc, 'id' | 'conversationId' | 'channel' | 'visibility' | 'body'> & { attachments?: NamedFiles };

/** A message by `ctx.user`, in their role, on `ticket`; the body trimmed, the files it names as kept (none: no field). */
export function messageOn(ticket: TicketDoc, { attachments, ...fields }: MessageFields, ctx: WriteContext): MessageDoc {
  return {
    schemaVersion: SCHEMA_VERSION,
    ticketId: ticket.id,
    customerId: ticket.customerId,
    authorRole: ctx.user.role,
    authorId: ctx.user.id,
    authorName: ctx.user.name,
    createdAt: ctx.now,
    ...fields,
    body: fields.body.trim(),
    ...namedFilesField(attachments),
  };
}

/** The customer's reply on a conversation of `ticket`, and the ticket reopened when it was pending or resolved. */
export function buildCustomerReply(
  input: { ticket: TicketDoc; conversationId: string; channel: Channel; body: string; attachments?: NamedFiles },
  ctx: WriteContext,
): { message: MessageDoc; reopened: TicketDoc | null } {
  const { ticket, conversationId, channel, body, attachments } = input;
  const message = messageOn(ticket, { id: ctx.newId(), conversationId, channel, visibility: 'public', body, attachments }, ctx);
  return { message, reopened: replyReopens(ticket.status) ? buildStatusChange(ticket, 'open', ctx.now) : null };
}

/** The agent's reply or note on a conversation of `ticket`; without `conversationId` it starts a new one. */
export function buildAgentMessage(
  input: { ticket: TicketDoc; conversationId?: string; channel: Channel; visibility: Visibility; body: string; attachments?: NamedFiles },
  ctx: WriteContext,
): MessageDoc {
  const { ticket, channel, visibility, body, attachments } = input;
  const conversationId = input.conversationId ?? ctx.newId();
  return messageOn(ticket, { id: ctx.newId(), conversationId, channel, visibility, body, attachments }, ctx);
}

/** A reply's body: a short "Thanks!" is fine (a new request's first message has its own, `new-request.ts`). */
export function replyBodyRule(next: MessageDoc): Reason {
  return replyError(next.body, (next.attachments?.length ?? 0) > 0);
}

/** A customer's message: public, as themselves, on their own ticket, never on a closed one. */
export function customerMessageRule(user: SessionUser, next: MessageDoc, ticket: TicketDoc | null): Reason {
  if (next.customerId !== user.id) return 'you can only write on your own tickets';
  if (next.authorRole !== 'customer' || next.authorId !== user.id) return 'you can only write as yourself';
  if (next.visibility !== 'public') return 'internal notes are written by agents';
  if (ticket?.status === 'closed') return CLOSED_TICKET;
  return null;
}

/** An agent's message: public or internal, in any role but the server's; written as an agent, only as themselves. */
export function agentMessageRule(user: SessionUser, next: MessageDoc): Reason {
  return next.authorRole === 'agent' && next.authorId !== user.id ? 'agents write messages as themselves' : null;
}
