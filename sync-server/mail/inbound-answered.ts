/**
 * The conversation a mail answers: the one its `+token` reply address stands for (the record outbound mail wrote),
 * else the newest public Harbor message its In-Reply-To or References name; and whether its sender may add to it.
 */
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { getUser } from '../services/accounts';
import type { WriterContext } from '../services/document-writer';
import { readStoredDoc } from '../services/feed-docs';
import type { Storage } from '../services/storage';
import { referencedHarborMessageIds } from './message-id';
import { refuse } from './inbound-refusal';
import { readTicket } from './inbound-write';
import { readRecipient, replyTokenDocId, type ReplyTokenRecord } from './reply-token';

/** The conversation a mail answers. */
export interface Answered {
  ticket: TicketDoc;
  conversationId: string;
}

async function tokenRecord(ctx: WriterContext, supportAddress: string, recipients: readonly string[]): Promise<ReplyTokenRecord | null> {
  for (const recipient of recipients) {
    const read = readRecipient(supportAddress, recipient);
    if (read?.kind !== 'reply') continue;
    const record = await readStoredDoc(ctx.storage.mail, replyTokenDocId(read.token));
    if (record) return { ticketId: String(record.ticketId), conversationId: String(record.conversationId) };
  }
  return null;
}

async function referencedRecord(ctx: WriterContext, supportAddress: string, references: readonly string[]): Promise<ReplyTokenRecord | null> {
  for (const id of referencedHarborMessageIds(references, supportAddress)) {
    const message = await readStoredDoc(ctx.storage.messages, id);
    if (message && message.visibility !== 'internal') return { ticketId: String(message.ticketId), conversationId: String(message.conversationId) };
  }
  return null;
}

/** The conversation the reply token names, else the newest Harbor message the mail references; null when none. */
export async function answeredConversation(
  ctx: WriterContext,
  supportAddress: string,
  recipients: readonly string[],
  references: readonly string[],
): Promise<Answered | null> {
  const record = (await tokenRecord(ctx, supportAddress, recipients)) ?? (await referencedRecord(ctx, supportAddress, references));
  const stored = record && (await readTicket(ctx, record.ticketId));
  return stored ? { ticket: stored.ticket, conversationId: record.conversationId } : null;
}

/** The ticket's customer when `sender` is theirs; refuses (550) anyone else: the token and Message-IDs are in every copy. */
export async function customerOfAnswered(storage: Storage, answered: Answered, sender: string): Promise<SessionUser> {
  const customer = await getUser(storage, answered.ticket.customerId);
  if (customer?.email !== sender) {
    throw refuse('This mail answers a ticket of another address, so it was not added; write from the address Harbor mailed.');
  }
  return customer;
}
