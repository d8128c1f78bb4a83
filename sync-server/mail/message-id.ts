/**
 * The Message-ID of a Harbor message: `<{messageId}@{domain of MAIL_FROM}>`, the same on every send, so mail clients
 * fold a repeat; and the reading side, which finds Harbor's messages among a reply's In-Reply-To and References.
 */
import { domainOf } from './mail-config';

/** `<{messageId}@{domain}>` for the support address `…@domain` (lowercase, as `mail-config` keeps it). */
export function messageIdHeader(messageId: string, supportAddress: string): string {
  return `<${messageId}@${domainOf(supportAddress)}>`;
}

/** The Harbor message ids among `references` (In-Reply-To and References values), in their order, each once. */
export function referencedHarborMessageIds(references: readonly string[], supportAddress: string): string[] {
  const domain = domainOf(supportAddress);
  const ids: string[] = [];
  for (const reference of references) {
    const match = /^<?([A-Za-z0-9_-]{1,64})@([^<>@\s]+)>?$/.exec(reference.trim());
    if (match && match[2]!.toLowerCase() === domain && !ids.includes(match[1]!)) ids.push(match[1]!);
  }
  return ids;
}
