/**
 * The earlier public messages of a conversation, for threading headers: read through the per-customer index (its
 * cost follows that customer's messages, not the database), then only those documents. Internal notes never count.
 */
import type { MessageDoc } from '../../app/model/message.schema';
import type { Cursor } from '../services/feed-cursor';
import type { FeedIndex } from '../services/feed-index';
import { toModelDoc, type StoredDoc } from '../services/feed-docs';
import type { Storage } from '../services/storage';

const PAGE = 500;
/** How long the index gets to take in writes stored before the read. */
const CATCH_UP_MS = 5_000;

/** Whether `a` was written before `b` (by `createdAt`, then id: ids are time-ordered). */
export function isEarlier(a: Pick<MessageDoc, 'createdAt' | 'id'>, b: Pick<MessageDoc, 'createdAt' | 'id'>): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

/** The public messages of `message`'s conversation written before it, oldest first. */
export async function earlierPublicMessages(storage: Storage, index: FeedIndex, message: MessageDoc): Promise<MessageDoc[]> {
  await index.catchUp('messages', CATCH_UP_MS);
  const ids = new Set<string>();
  let since: Cursor = { kind: 'start' };
  for (;;) {
    const page = await index.readPage('messages', message.customerId, since, PAGE);
    for (const entry of page.entries) ids.add(entry.docId);
    if (page.entries.length < PAGE) break;
    since = page.next;
  }
  ids.delete(message.id);
  if (ids.size === 0) return [];
  const rows = await storage.messages.allDocs({ keys: [...ids], includeDocs: true });
  const earlier: MessageDoc[] = [];
  for (const row of rows) {
    if (!('doc' in row) || !row.doc || row.value.deleted) continue;
    const doc = toModelDoc(row.doc as StoredDoc) as unknown as MessageDoc;
    if (doc.conversationId === message.conversationId && doc.visibility === 'public' && isEarlier(doc, message)) earlier.push(doc);
  }
  return earlier.sort((a, b) => (isEarlier(a, b) ? -1 : 1));
}
