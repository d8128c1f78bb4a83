/**
 * The messages' conflict handler. Messages are immutable, so a conflict only means the server already holds
 * the message (a re-send after a lost answer): the server's copy wins and the write counts as acknowledged.
 * A message the server refused stays "not equal" to its assumed server copy, so that a retry pushes it again.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { sameNamedFiles, type MessageDoc } from '../../model';
import type { OutboxView } from './replication/outbox-store';

const FIELDS = [
  'id', 'schemaVersion', 'ticketId', 'customerId', 'conversationId', 'channel', 'visibility', 'authorRole',
  'authorId', 'authorName', 'body', 'createdAt',
] as const satisfies readonly (keyof MessageDoc)[];

function sameMessage(a: WithDeleted<MessageDoc>, b: WithDeleted<MessageDoc>): boolean {
  return a._deleted === b._deleted && FIELDS.every((field) => a[field] === b[field]) && sameNamedFiles(a.attachments, b.attachments);
}

/** The handler, reading the outbox for messages to send again. */
export function createMessageConflictHandler(outbox: OutboxView): RxConflictHandler<MessageDoc> {
  return {
    isEqual: (a, b, context) =>
      // Only the upstream's "already replicated?" check may be overruled by a retry.
      sameMessage(a, b) && !(context === 'upstream-check-if-equal' && outbox.needsResend('messages', a.id)),
    async resolve({ realMasterState }) {
      await outbox.acknowledge('messages', [realMasterState.id]);
      return realMasterState;
    },
  };
}
