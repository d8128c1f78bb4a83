/** The Message-ID of a Harbor message: `<{messageId}@{domain of MAIL_FROM}>`, the same on every send, so mail clients fold a repeat. */

/** `<{messageId}@{domain}>` for the support address `…@domain` (lowercase, as `mail-config` keeps it). */
export function messageIdHeader(messageId: string, supportAddress: string): string {
  const domain = supportAddress.slice(supportAddress.lastIndexOf('@') + 1).toLowerCase();
  return `<${messageId}@${domain}>`;
}
