/** Which messages leave as mail: a public agent reply on an email conversation (the reply) or a portal one (a notification). Nothing else, ever. */
import type { MessageDoc } from '../../app/model/message.schema';

/** `email`: the reply itself; `notification`: "Sam Rivera replied to TK-42" with a link. */
export type OutboundKind = 'email' | 'notification';

/** What `message` sends, or null: internal notes, customers' and system messages, and chat replies send nothing. */
export function outboundKindOf(message: Pick<MessageDoc, 'authorRole' | 'visibility' | 'channel'>): OutboundKind | null {
  if (message.authorRole !== 'agent' || message.visibility !== 'public') return null;
  if (message.channel === 'email') return 'email';
  if (message.channel === 'portal') return 'notification';
  return null;
}
