/**
 * The mail a queued message becomes. An email reply: To the ticket's customer, Reply-To the conversation's
 * `support+{token}` address (its token record written first, create-once), Subject `[TK-n] subject`, text and a
 * simple escaped HTML part, Message-ID, In-Reply-To and References from the conversation's earlier public
 * messages, and the message's files. A portal reply: a short notification with a link, never the text.
 */
import type Mail from 'nodemailer/lib/mailer';
import type { MessageDoc } from '../../app/model/message.schema';
import { formatTicketNumber } from '../../app/model/ticket-number';
import type { ServerConfig } from '../config';
import { readAttachmentForServer } from '../services/attachment-store';
import { readStoredDoc, toModelDoc } from '../services/feed-docs';
import type { FeedIndex } from '../services/feed-index';
import type { Storage } from '../services/storage';
import { isConflict } from '../services/storage-engine';
import { earlierPublicMessages } from './conversation-messages';
import type { OutboundMailConfig } from './mail-config';
import { messageIdHeader } from './message-id';
import { outboundKindOf } from './outbound-kind';
import { replyAddress, replyToken, replyTokenDocId, type ReplyTokenRecord } from './reply-token';

/** What composing needs. */
export interface ComposeContext {
  storage: Storage;
  index: FeedIndex;
  outbound: OutboundMailConfig;
  config: Pick<ServerConfig, 'publicUrl' | 'sessionSecret'>;
}

/** A mail to send; a wait (the ticket has no number yet); or a reason it can never be sent. */
export type Composed = { kind: 'mail'; mail: Mail.Options } | { kind: 'wait'; reason: string } | { kind: 'unsendable'; reason: string };

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Paragraphs at blank lines, line breaks kept, every character escaped. */
function simpleHtml(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((part) => `<p>${escapeHtml(part).replace(/\r?\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">${paragraphs.join('')}</body></html>`;
}

/** Records which conversation the token stands for, once (a 409: some send recorded it before). */
async function recordReplyToken(storage: Storage, token: string, record: ReplyTokenRecord): Promise<void> {
  try {
    await storage.mail.put({ _id: replyTokenDocId(token), ...record });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

async function attachmentsOf(storage: Storage, message: MessageDoc): Promise<Mail.Attachment[] | string> {
  const files: Mail.Attachment[] = [];
  for (const file of message.attachments ?? []) {
    const stored = await readAttachmentForServer(storage, file.id);
    if (!stored) return `The attachment "${file.name}" is not stored.`;
    files.push({ filename: file.name, content: stored.bytes, contentType: file.type });
  }
  return files;
}

/** The mail `messageId` becomes now (see the module's comment). */
export async function composeOutbound(ctx: ComposeContext, messageId: string): Promise<Composed> {
  const { storage, outbound } = ctx;
  const stored = await readStoredDoc(storage.messages, messageId);
  if (!stored) return { kind: 'unsendable', reason: 'The message is not stored.' };
  const message = toModelDoc(stored) as unknown as MessageDoc;
  const kind = outboundKindOf(message);
  if (kind === null) return { kind: 'unsendable', reason: 'This message is not sent by mail.' };
  const ticket = await readStoredDoc(storage.tickets, message.ticketId);
  if (!ticket) return { kind: 'unsendable', reason: 'The ticket is not stored.' };
  const number = formatTicketNumber(typeof ticket.number === 'number' ? ticket.number : null);
  if (number === null) return { kind: 'wait', reason: 'The ticket has no number yet.' };
  const customer = await readStoredDoc(storage.users, message.customerId);
  const to = typeof customer?.email === 'string' ? customer.email : undefined;
  if (!to) return { kind: 'unsendable', reason: 'The customer has no email address.' };
  const subject = `[${number}] ${String(ticket.subject ?? '')}`;
  const headers = { from: outbound.from, to, subject, messageId: messageIdHeader(message.id, outbound.address) };

  if (kind === 'notification') {
    const link = `${ctx.config.publicUrl}/tickets/${encodeURIComponent(message.ticketId)}`;
    const line = `${message.authorName} replied to ${number}.`;
    const text = `${line}\n\nRead the reply and answer it in the portal:\n${link}\n`;
    const html = `<!doctype html><html><body style="font-family: sans-serif"><p>${escapeHtml(line)}</p><p><a href="${escapeHtml(link)}">Read the reply in the portal</a></p></body></html>`;
    return { kind: 'mail', mail: { ...headers, text, html } };
  }

  const token = replyToken(ctx.config.sessionSecret, message.conversationId);
  await recordReplyToken(storage, token, { ticketId: message.ticketId, conversationId: message.conversationId });
  const files = await attachmentsOf(storage, message);
  if (typeof files === 'string') return { kind: 'unsendable', reason: files };
  const earlier = (await earlierPublicMessages(storage, ctx.index, message)).map((each) => messageIdHeader(each.id, outbound.address));
  return {
    kind: 'mail',
    mail: {
      ...headers,
      replyTo: replyAddress(outbound.address, token),
      ...(earlier.length > 0 && { inReplyTo: earlier[earlier.length - 1], references: earlier }),
      text: message.body,
      html: simpleHtml(message.body),
      ...(files.length > 0 && { attachments: files }),
    },
  };
}
