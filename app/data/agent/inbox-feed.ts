/**
 * Feeds the inbox index from the device's copy. The index is kept on the device (one local document, saved
 * a moment after changes) with how far it has read; opening reads it and then only what changed since, so
 * 5,000 tickets and 50,000 messages are not read again on every start. Changes then arrive from the
 * collections' change streams (this tab's writes, other tabs', replication's pulls).
 */
import { createSignal, type Accessor } from 'solid-js';
import type { MessageDoc, TicketDoc } from '../../model';
import type { LocalValue } from '../core/local-value';
import type { DeviceReads } from '../core/reads';
import { withoutBookkeeping, writeTimeOf, type Checkpoint, type Stored } from '../core/rxdb-internals';
import { InboxIndex } from './inbox-index';
import { readStoredIndex, storedDoc, type IndexSince, type RestoredIndex, type StoredDoc } from './inbox-stored';

/** The index and the signals that say it changed. */
export interface InboxFeed {
  readonly index: InboxIndex;
  /** Changes each time the index changed (several changes in one task count once). */
  version: Accessor<number>;
  /** True once the stored index and what changed since are in. */
  ready: Accessor<boolean>;
  /** Resolves when `ready` turns true (never, when disposed first). */
  loaded: Promise<void>;
  dispose(): void;
}

const SAVE_AFTER_MS = 2_000;


/**
 * Starts feeding an index from `db`: from the stored one when there is one (`stored`, when its read was started
 * earlier; a read started before the change streams are followed is fine: catching up starts from its checkpoint).
 */
export function createInboxFeed(
  reads: DeviceReads,
  kept: LocalValue<StoredDoc>,
  stored?: Promise<RestoredIndex | null>,
): InboxFeed {
  let index = new InboxIndex();
  const [version, setVersion] = createSignal(0);
  const [ready, setReady] = createSignal(false);
  let markLoaded = () => {};
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  /** How far the index has read each collection, in the storage's (write time, id) order. */
  const since: IndexSince = { tickets: null, messages: null };
  const advance = (collection: 'tickets' | 'messages', doc: Stored<{ id: string }>) => {
    const lwt = writeTimeOf(doc);
    const at = since[collection];
    if (!at || lwt > at.lwt || (lwt === at.lwt && doc.id > at.id)) since[collection] = { id: doc.id, lwt };
  };
  let disposed = false;
  let scheduled = false;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const save = () => {
    saveTimer = undefined;
    if (disposed) return;
    void kept.write(storedDoc(index, since)).catch(() => undefined); // closed meanwhile: saved next time
  };
  // A tab hidden or closed within SAVE_AFTER_MS of a change saves at once: the next start then has less to catch up.
  const saveWhenHidden = () => {
    if (document.visibilityState !== 'hidden' || !saveTimer) return;
    clearTimeout(saveTimer);
    save();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', saveWhenHidden);
  const changed = () => {
    saveTimer ??= setTimeout(save, SAVE_AFTER_MS);
    if (scheduled || disposed) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      setVersion((v) => v + 1);
    });
  };
  const recount = async (ticketId: string) => {
    const docs = await reads.messagesOfTicket(ticketId);
    if (disposed) return;
    index.resetMessages(ticketId, docs);
    changed();
  };
  const applyTicket = (doc: Stored<TicketDoc>) => {
    advance('tickets', doc);
    if (doc._deleted) index.removeTicket(doc.id);
    else index.putTicket(withoutBookkeeping(doc));
  };
  const applyMessage = (doc: Stored<MessageDoc>) => {
    advance('messages', doc);
    if (doc._deleted) void recount(doc.ticketId);
    else index.addMessage(withoutBookkeeping(doc));
  };

  let buffer: (() => void)[] | null = [];
  const onChange = (apply: () => void) => {
    if (buffer) buffer.push(apply);
    else {
      apply();
      changed();
    }
  };
  // Subscribe before reading, so nothing written in between is missed; the index counts each message once.
  const subscriptions = [
    reads.writes<TicketDoc>('tickets').subscribe((doc) => onChange(() => applyTicket(doc))),
    reads.writes<MessageDoc>('messages').subscribe((doc) => onChange(() => applyMessage(doc))),
  ];

  const catchUp = async <T>(collection: 'tickets' | 'messages', from: Checkpoint | null, apply: (doc: Stored<T>) => void) => {
    const docs = await reads.writtenSince<T>(collection, from);
    if (!disposed) docs.forEach((doc) => apply(doc));
    return docs.length;
  };

  void (async () => {
    const restored = await (stored ?? readStoredIndex(kept));
    if (restored) {
      index = restored.index;
      Object.assign(since, restored.since);
    }
    const [tickets, messages] = await Promise.all([
      catchUp<TicketDoc>('tickets', since.tickets, applyTicket),
      catchUp<MessageDoc>('messages', since.messages, applyMessage),
    ]);
    if (disposed) return;
    const pending = buffer ?? [];
    buffer = null;
    pending.forEach((apply) => apply());
    setReady(true);
    markLoaded();
    if (tickets + messages + pending.length > 0) changed();
    else setVersion((v) => v + 1);
  })().catch(() => undefined); // the database was closed (sign-out) before the read finished

  return {
    get index() {
      return index;
    },
    version,
    ready,
    loaded,
    dispose() {
      disposed = true;
      if (saveTimer) clearTimeout(saveTimer);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', saveWhenHidden);
      subscriptions.forEach((s) => s.unsubscribe());
    },
  };
}
