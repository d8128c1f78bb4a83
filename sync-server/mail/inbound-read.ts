/**
 * What Harbor takes from a parsed mail: who sent it, what it answers, its words (the reply alone: quoted history
 * and signature trimmed with email-reply-parser; HTML-only mail as mailparser's text, never rendered) and its files.
 */
import EmailReplyParser from 'email-reply-parser';
import type { AddressObject, ParsedMail } from 'mailparser';
import { LIMITS } from '../../app/model/constants';
import { addressOf } from './mail-config';

/** One file the mail carries. */
export interface InboundFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/** A mail as Harbor reads it. */
export interface InboundMail {
  /** The From address, lowercase; undefined when the mail names none. */
  sender: string | undefined;
  /** The From display name, or the address's local part. */
  senderName: string;
  /** The Message-ID header, as sent (`<…@…>`). */
  messageId: string | undefined;
  subject: string;
  /** The reply's own words. */
  body: string;
  /** In-Reply-To, then References newest first. */
  references: string[];
  files: InboundFile[];
}

const TOO_LONG_NOTE = '\n\n[The rest of this email was too long to keep.]';

function firstFrom(from: AddressObject | undefined): { address: string | undefined; name: string } {
  const first = from?.value[0];
  const address = first?.address ? addressOf(first.address) : undefined;
  return { address, name: first?.name?.trim() || address?.split('@')[0] || '' };
}

/** The reply without the quoted mail below it or the signature; the whole text when nothing else is left. */
export function replyText(text: string): string {
  const visible = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText().trim();
  const body = visible || text.trim();
  const characters = [...body];
  // Room is left for a first line (a follow-up's "Follow-up to TK-n").
  const room = LIMITS.messageMax - 100;
  return characters.length <= room ? body : characters.slice(0, room - TOO_LONG_NOTE.length).join('') + TOO_LONG_NOTE;
}

function referencesOf(mail: ParsedMail): string[] {
  const references = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  return [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...references.slice().reverse()];
}

/** Reads `mail` (parsed by mailparser's simpleParser). */
export function readInboundMail(mail: ParsedMail): InboundMail {
  const from = firstFrom(mail.from);
  return {
    sender: from.address,
    senderName: from.name,
    messageId: mail.messageId?.trim() || undefined,
    subject: (mail.subject ?? '').trim(),
    body: replyText(mail.text ?? ''),
    references: referencesOf(mail),
    files: mail.attachments.map((file) => ({ name: file.filename ?? 'attachment', type: file.contentType, bytes: file.content })),
  };
}
