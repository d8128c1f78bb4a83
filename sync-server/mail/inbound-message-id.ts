/**
 * Harbor's Message-IDs as inbound mail reads them: `<{messageId}@{domain of the support address}>` (the rule the
 * outbound mail's `message-id.ts` writes them by; the lead may point this at that helper once both are merged).
 */

/** The Message-ID header value of Harbor message `messageId`. */
export function harborMessageIdHeader(messageId: string, supportAddress: string): string {
  return `<${messageId}@${supportAddress.slice(supportAddress.lastIndexOf('@') + 1).toLowerCase()}>`;
}

/** The Harbor message ids among `references` (In-Reply-To and References values), in their order, each once. */
export function referencedHarborMessageIds(references: readonly string[], supportAddress: string): string[] {
  const domain = supportAddress.slice(supportAddress.lastIndexOf('@') + 1).toLowerCase();
  const ids: string[] = [];
  for (const reference of references) {
    const match = /^<?([A-Za-z0-9_-]{1,64})@([^<>@\s]+)>?$/.exec(reference.trim());
    if (match && match[2]!.toLowerCase() === domain && !ids.includes(match[1]!)) ids.push(match[1]!);
  }
  return ids;
}
