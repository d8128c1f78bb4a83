/**
 * Feeds the inbox index from the device's copy: one full read of tickets and messages, then each change
 * from the collections' change streams (this tab's writes, other tabs', and replication's pulls).
 */
import { createSignal, type Accessor } from 'solid-js';
import type { RxChangeEvent } from 'rxdb';
import type { MessageDoc, TicketDoc } from '../model';
import type { PortalDatabase } from './database';
import { InboxIndex } from './inbox-index';

/** The index and the signals that say it changed. */
export interface InboxFeed {
  index: InboxIndex;
  /** Changes each time the index changed (several changes in one task count once). */
  version: Accessor<number>;
  /** True once the full read is in. */
  ready: Accessor<boolean>;
  dispose(): void;
}

type Change<T> = RxChangeEvent<T>;

/** Starts feeding a new index from `db`. */
export function createInboxFeed(db: PortalDatabase): InboxFeed {
  const index = new InboxIndex();
  const [version, setVersion] = createSignal(0);
  const [ready, setReady] = createSignal(false);
  let scheduled = false;
  let disposed = false;
  const bump = () => {
    if (scheduled || disposed) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      setVersion((v) => v + 1);
    });
  };

  let buffer: (() => void)[] | null = [];
  const apply = (change: () => void) => {
    if (buffer) buffer.push(change);
    else {
      change();
      bump();
    }
  };
  const onTicket = (event: Change<TicketDoc>) => apply(() => {
    if (event.operation === 'DELETE') index.removeTicket(event.documentId);
    else index.putTicket(stripMeta(event.documentData));
  });
  const onMessage = (event: Change<MessageDoc>) => apply(() => {
    if (event.operation === 'DELETE') void recount(event.previousDocumentData?.ticketId ?? event.documentData.ticketId);
    else index.addMessage(stripMeta(event.documentData));
  });
  const recount = async (ticketId: string) => {
    const docs = await db.messages.find({ selector: { ticketId } }).exec();
    if (disposed) return;
    index.resetMessages(ticketId, docs.map((d) => d.toJSON() as MessageDoc));
    bump();
  };
  // Subscribe before reading, so nothing written in between is missed; the index counts each message once.
  const subscriptions = [db.tickets.$.subscribe(onTicket), db.messages.$.subscribe(onMessage)];

  void Promise.all([db.tickets.find().exec(), db.messages.find().exec()])
    .then(([tickets, messages]) => {
      if (disposed) return;
      for (const doc of tickets) index.putTicket(doc.toJSON() as TicketDoc);
      for (const doc of messages) index.addMessage(doc.toJSON() as MessageDoc);
      const pending = buffer ?? [];
      buffer = null;
      pending.forEach((change) => change());
      setReady(true);
      bump();
    })
    .catch(() => undefined); // the database was closed (sign-out) before the read finished

  return {
    index,
    version,
    ready,
    dispose() {
      disposed = true;
      subscriptions.forEach((s) => s.unsubscribe());
    },
  };
}

/** The document without RxDB's bookkeeping fields. */
function stripMeta<T>(data: T): T {
  const { _rev, _meta, _attachments, _deleted, ...doc } = data as T & Record<string, unknown>;
  void _rev; void _meta; void _attachments; void _deleted;
  return doc as T;
}
