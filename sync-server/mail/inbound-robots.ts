/**
 * Mail written by a machine: auto-replies (out of office, "we got your mail") and bounces. They are accepted and
 * dropped, never opening or touching a ticket and never answered, so that two robots cannot mail each other forever.
 */
import type { ParsedMail } from 'mailparser';

/** The raw value of each header named `name` (lowercase), unfolded. */
export function headerValues(mail: ParsedMail, name: string): string[] {
  return mail.headerLines
    .filter((line) => line.key === name)
    .map((line) => line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

const ROBOT_SENDER = /^(mailer-daemon|postmaster)@/i;
const BULK_PRECEDENCE = /^(bulk|junk|list)$/i;

/** Why `mail` is a robot's (a few words for the log), or null when a person seems to have written it. */
export function robotReason(mail: ParsedMail, envelopeSender: string, sender: string | undefined): string | null {
  const autoSubmitted = headerValues(mail, 'auto-submitted')[0];
  if (autoSubmitted !== undefined && !/^no\b/i.test(autoSubmitted)) return 'Auto-Submitted';
  if (headerValues(mail, 'precedence').some((value) => BULK_PRECEDENCE.test(value))) return 'Precedence';
  if (headerValues(mail, 'x-autoreply').length > 0 || headerValues(mail, 'x-autorespond').length > 0) return 'X-Autoreply';
  // A bounce's envelope sender is empty (RFC 5321 §4.5.5), whoever its From names.
  if (envelopeSender === '') return 'empty envelope sender';
  if ((sender && ROBOT_SENDER.test(sender)) || ROBOT_SENDER.test(envelopeSender)) return 'mailer-daemon sender';
  if (/^multipart\/report\b/i.test(headerValues(mail, 'content-type')[0] ?? '')) return 'multipart/report';
  return null;
}

/** Whether the receiving MTA's `Authentication-Results` say the sender failed DMARC. */
export function failedDmarc(mail: ParsedMail): boolean {
  return headerValues(mail, 'authentication-results').some((value) => /\bdmarc\s*=\s*fail\b/i.test(value));
}
