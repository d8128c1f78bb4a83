/**
 * The reply address of a conversation: `support+{token}@domain`, the token an HMAC of the conversation's id under
 * the session secret, so that it cannot be guessed from ids a customer sees. Outbound mail records which
 * conversation a token stands for (`reply-token:{token}` in the mail database); inbound mail looks it up.
 */
import { createHmac } from 'node:crypto';

/** 24 hex digits (96 bits): unguessable, and short enough for a 64-character local part with most support names. */
const TOKEN_LENGTH = 24;
const TOKEN = /^[0-9a-f]{24}$/;

/** The token of `conversationId` (the same every time for one secret). */
export function replyToken(secret: string, conversationId: string): string {
  return createHmac('sha256', `harbor-reply-token:${secret}`).update(conversationId).digest('hex').slice(0, TOKEN_LENGTH);
}

/** `support+{token}@domain` for the support address `support@domain`. */
export function replyAddress(supportAddress: string, token: string): string {
  const at = supportAddress.lastIndexOf('@');
  return `${supportAddress.slice(0, at)}+${token}${supportAddress.slice(at)}`;
}

/**
 * What a recipient address is to us: the support address itself, one of its `+token` forms (the token, checked
 * for shape only), or not ours (null). Compared case-insensitively, as mail systems may change case.
 */
export function readRecipient(supportAddress: string, recipient: string): { kind: 'support' } | { kind: 'reply'; token: string } | null {
  const address = recipient.trim().toLowerCase();
  const support = supportAddress.toLowerCase();
  if (address === support) return { kind: 'support' };
  const at = support.lastIndexOf('@');
  const local = support.slice(0, at);
  const domain = support.slice(at);
  if (!address.endsWith(domain) || !address.startsWith(`${local}+`)) return null;
  const token = address.slice(local.length + 1, address.length - domain.length);
  return TOKEN.test(token) ? { kind: 'reply', token } : null;
}

/** The mail database's id of the record that maps `token` to its ticket and conversation. */
export function replyTokenDocId(token: string): string {
  return `reply-token:${token}`;
}

/** What a `reply-token:{token}` document holds. */
export interface ReplyTokenRecord {
  ticketId: string;
  conversationId: string;
}
