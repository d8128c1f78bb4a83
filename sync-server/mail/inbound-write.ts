/**
 * The documents a mail becomes, written as its customer through the document writer (the `_bulk_docs` path: the
 * "Who writes what" rules, ticket numbers, and the feed that wakes agents' inboxes and the customer's devices): a
 * reply on a conversation (reopening a pending or resolved ticket, as a portal reply does), or a new ticket whose
 * first message is the mail. Ids and times come from the mail's record, so a retry writes the same documents.
 */
import { LIMITS, SCHEMA_VERSION } from '../../app/model/constants';
import type { MessageDoc } from '../../app/model/message.schema';
import { firstMessageError, textLength } from '../../app/model/text-rules';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { buildFirstMessage } from '../../app/model/writes/new-request';
import { buildCustomerReply } from '../../app/model/writes/reply';
import { buildStatusChange, replyReopens } from '../../app/model/writes/status-change';
import type { Logger } from '../logger';
import { writeDocuments, type WriterContext } from '../services/document-writer';
import { readStoredDoc, toModelDoc, toStoredBody } from '../services/feed-docs';
import { storeMailFiles, type FileLimits } from './inbound-files';
import type { InboundIds } from './inbound-once';
import type { InboundFile } from './inbound-read';
import { refuse } from './inbound-refusal';

/** What writing needs: the storage and limits, and a logger for a reopen that could not be written. */
export interface InboundWriteContext extends WriterContext {
  config: FileLimits;
  logger: Logger;
}

/** The words and files of the message to write. */
export interface InboundContent {
  body: string;
  files: readonly InboundFile[];
}

const capitalised = (reason: string) => reason.charAt(0).toUpperCase() + reason.slice(1) + (reason.endsWith('.') ? '' : '.');

/** Writes one document as `user`; a refusal becomes the mail's 550 with the writer's reason. */
async function writeOne(ctx: InboundWriteContext, user: SessionUser, collection: 'tickets' | 'messages', doc: object): Promise<void> {
  const [result] = await writeDocuments(ctx, user, collection, [doc]);
  if (result && 'error' in result) throw refuse(capitalised(result.reason));
}

/** The ticket as stored (with its revision), or null. */
export async function readTicket(ctx: WriterContext, id: string): Promise<{ ticket: TicketDoc; rev: string } | null> {
  const stored = await readStoredDoc(ctx.storage.tickets, id);
  return stored ? { ticket: toModelDoc(stored) as TicketDoc, rev: stored._rev } : null;
}

/** Opens the ticket again after the customer's reply; another writer first (an agent) is read again, twice at most. */
async function reopen(ctx: InboundWriteContext, customer: SessionUser, ticketId: string, now: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readTicket(ctx, ticketId);
    if (!current || !replyReopens(current.ticket.status)) return;
    const reopened = buildStatusChange(current.ticket, 'open', now)!;
    const [result] = await writeDocuments(ctx, customer, 'tickets', [{ ...toStoredBody(reopened), _rev: current.rev }]);
    if (!result || !('error' in result)) return;
    if (result.error !== 'conflict') {
      ctx.logger.warn('inbound mail could not reopen its ticket', { ticketId, reason: result.reason });
      return;
    }
  }
}

/** The customer's reply on `conversationId` of `ticket`, its files stored first; the ticket reopened when it was pending or resolved. */
export async function writeReply(
  ctx: InboundWriteContext,
  customer: SessionUser,
  target: { ticket: TicketDoc; conversationId: string },
  content: InboundContent,
  ids: InboundIds,
): Promise<MessageDoc> {
  const attachments = await storeMailFiles(ctx.storage, customer, target.ticket.id, ids.messageId, content.files);
  const writeCtx = { user: customer, now: ids.receivedAt, newId: () => ids.messageId };
  const { message } = buildCustomerReply({ ...target, channel: 'email', body: content.body, attachments }, writeCtx);
  await writeOne(ctx, customer, 'messages', toStoredBody(message));
  await reopen(ctx, customer, target.ticket.id, ids.receivedAt);
  return message;
}

const REPLY_PREFIX = /^\s*((re|fwd?|aw|wg|sv|antw)\s*:\s*|\[TK-\d+\]\s*)+/i;

/** A mail's subject as a ticket's: reply prefixes and ticket tags dropped; the sender named when too little is left. */
export function ticketSubject(subject: string, sender: string): string {
  const cleaned = subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim();
  const usable = textLength(cleaned) >= LIMITS.subjectMin ? cleaned : `Email from ${sender}`;
  return [...usable].slice(0, LIMITS.subjectMax).join('').trim();
}

/** A new ticket for `customer` whose first message is the mail (opened with `firstLine` when given), its files on it. */
export async function writeNewTicket(
  ctx: InboundWriteContext,
  customer: SessionUser,
  subject: string,
  content: InboundContent & { firstLine?: string },
  ids: InboundIds,
): Promise<MessageDoc> {
  const now = ids.receivedAt;
  const body = content.firstLine ? `${content.firstLine}\n\n${content.body}` : content.body;
  // Checked before the ticket is written, so that a refused first message leaves no ticket without one.
  if (firstMessageError(body)) throw refuse(`To open a ticket by mail, write at least ${LIMITS.firstMessageMin} characters.`);
  const ticket: TicketDoc = {
    id: ids.messageId, schemaVersion: SCHEMA_VERSION, customerId: customer.id, customerName: customer.name, number: null,
    subject, description: '', status: 'open', statusChangedAt: now, priority: 'medium', assigneeId: null, createdAt: now,
  };
  // A retry after a failure part-way finds the ticket already written.
  if (!(await readTicket(ctx, ticket.id))) await writeOne(ctx, customer, 'tickets', toStoredBody(ticket));
  const attachments = await storeMailFiles(ctx.storage, customer, ticket.id, ids.messageId, content.files);
  const message: MessageDoc = { ...buildFirstMessage(ticket, body, { user: customer, now, newId: () => ids.messageId }, attachments), channel: 'email' };
  await writeOne(ctx, customer, 'messages', toStoredBody(message));
  return message;
}
