/**
 * The outbox: which of the user's writes the server has not acknowledged yet (pending), and which it refused
 * (failed, with its reason). Kept in one RxDB local document, so it survives a restart and every tab sees it.
 */
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import type { PortalDatabase } from '../database';

/** The part of a database the local-document stores use. */
export type LocalDocsDatabase = Pick<PortalDatabase, 'getLocal' | 'getLocal$' | 'insertLocal' | 'upsertLocal'>;
import type { CollectionName } from '../../../model';
import { newId } from '../../../model/ids';
import { localDocument } from '../local-value';

/** One unsettled write: waiting for the server, refused by it, or sent again after a refusal. */
export interface OutboxEntry {
  collection: CollectionName;
  state: 'pending' | 'failed' | 'retrying';
  reason?: string;
  at: number;
  /** The user's action this write belongs to (one id per action): a new request is a ticket and its first
   * message, a reply may reopen its ticket, and each is one thing the user did. */
  action?: string;
  /** Which write of its document this is, when the screen words it apart (a ticket's rating); kept through a refusal. */
  write?: 'rating';
}
/** Entries by `{collection}/{id}` (a new request's ticket and first message share one id). */
export type OutboxEntries = Record<string, OutboxEntry>;
type Entries = OutboxEntries;

/** A pending mark as written, with the entry it replaced, so it can be undone if its write never happens. */
export interface PendingMark {
  key: string;
  at: number;
  previous: OutboxEntry | undefined;
}

/** How many things the user did that the server has not acknowledged yet (pending or sent again), each counted once. */
export function unsentActions(entries: Record<string, OutboxEntry>): number {
  const actions = new Set<string>();
  for (const [key, entry] of Object.entries(entries)) {
    if (entry.state === 'pending' || entry.state === 'retrying') actions.add(entry.action ?? key);
  }
  return actions.size;
}

/** The outbox key of a document. */
export function outboxKey(collection: CollectionName, id: string): string {
  return `${collection}/${id}`;
}
interface OutboxData {
  entries: Entries;
}

/** What the conflict handlers need, synchronously (RxDB's `isEqual` must not be async). */
export interface OutboxView {
  /** Whether a refused document is to be pushed again (so it must not count as equal to the server's copy). */
  needsResend(collection: CollectionName, id: string): boolean;
  /** The server already holds these documents as written. */
  acknowledge(collection: CollectionName, ids: string[]): Promise<void>;
  /** The server refused this document; the reason is shown to the user. */
  refuse(id: string, collection: CollectionName, reason: string): Promise<void>;
}

/** The outbox of one open database. */
export interface Outbox extends OutboxView {
  /** The entries now, and as they change (the Solid bridge turns them into a signal). */
  entries(): Entries;
  entries$: Observable<Entries>;
  attach(db: LocalDocsDatabase): Promise<void>;
  detach(): void;
  /**
   * Marks documents pending before they are written (so a write is never shown as sent before it is). With
   * `continuing`, the documents finish the action of that still-unsent entry and count as the same thing done.
   */
  markPending(docs: PendingDoc[], continuing?: { id: string; collection: CollectionName }): Promise<PendingMark[]>;
  /**
   * Undoes marks whose write did not happen (each only while its entry is still that mark). Shown at once;
   * when the undo cannot be stored (a full device refuses that write too), the next stored change carries it.
   */
  unmark(marks: PendingMark[]): Promise<void>;
  markRetrying(collection: CollectionName, id: string): Promise<void>;
  /** A document held back until its files were uploaded is to be sent now (still the same action of the user's). */
  release(collection: CollectionName, id: string): Promise<void>;
  remove(collection: CollectionName, id: string): Promise<void>;
}

/** A document about to be written, and which write it is when the screen words it apart. */
export interface PendingDoc {
  id: string;
  collection: CollectionName;
  write?: OutboxEntry['write'];
}

const DOC_ID = 'outbox';

/** Creates an outbox; `attach` binds it to a database's local documents. */
export function createOutbox(): Outbox {
  let db: LocalDocsDatabase | null = null;
  let subscription: Subscription | null = null;
  let mirror: Entries = {};
  let stored: Entries = {};
  let undone: PendingMark[] = []; // undone marks not yet stored
  let queue: Promise<unknown> = Promise.resolve();
  const entries$ = new BehaviorSubject<Entries>({});

  const withUndone = (current: Entries): Entries => {
    for (const { key, at, previous } of undone) {
      const entry = current[key];
      if (entry?.state !== 'pending' || entry.at !== at) continue; // settled or marked again since
      if (previous) current[key] = previous;
      else delete current[key];
    }
    return current;
  };
  const publish = (next: Entries) => {
    stored = next;
    mirror = withUndone({ ...next });
    entries$.next(mirror);
  };

  const modify = (change: (current: Entries) => Entries): Promise<void> => {
    const run = queue.then(async () => {
      if (!db) throw new Error('The outbox is not attached to a database.');
      const doc = await localDocument<OutboxData>(db, DOC_ID, { entries: {} });
      const carried = undone;
      const written = await doc.incrementalModify((data) => ({ entries: change(withUndone({ ...data.entries })) }));
      undone = undone.filter((mark) => !carried.includes(mark));
      publish(written.toJSON().data.entries);
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    entries: () => entries$.value,
    entries$,
    async attach(database) {
      db = database;
      const doc = await database.getLocal<OutboxData>(DOC_ID);
      publish(doc?.toJSON().data.entries ?? {});
      subscription = database.getLocal$<OutboxData>(DOC_ID).subscribe((latest) => {
        if (latest) publish(latest.toJSON().data.entries);
      });
    },
    detach() {
      subscription?.unsubscribe();
      subscription = null;
      db = null;
    },
    needsResend(collection, id) {
      const state = mirror[outboxKey(collection, id)]?.state;
      return state === 'failed' || state === 'retrying';
    },
    async markPending(docs, continuing) {
      const at = Date.now();
      let marks: PendingMark[] = [];
      await modify((current) => {
        const earlier = continuing ? current[outboxKey(continuing.collection, continuing.id)] : undefined;
        const action = (earlier?.state !== 'failed' && earlier?.action) || newId();
        marks = docs.map(({ id, collection, write }) => {
          const key = outboxKey(collection, id);
          const mark = { key, at, previous: current[key] };
          current[key] = { collection, state: 'pending', at, action, ...(write && { write }) };
          return mark;
        });
        return current;
      });
      return marks;
    },
    unmark(marks) {
      if (marks.length === 0) return Promise.resolve();
      undone = [...undone, ...marks];
      publish(stored);
      return modify((current) => current).catch(() => undefined); // kept in `undone` until a change is stored
    },
    markRetrying(collection, id) {
      const key = outboxKey(collection, id);
      return modify((current) => {
        const entry = current[key];
        if (entry) current[key] = { collection: entry.collection, state: 'retrying', at: Date.now() };
        return current;
      });
    },
    release(collection, id) {
      const key = outboxKey(collection, id);
      return modify((current) => {
        const entry = current[key];
        if (entry?.state === 'pending') current[key] = { ...entry, state: 'retrying' };
        return current;
      });
    },
    acknowledge(collection, ids) {
      const keys = ids.map((id) => outboxKey(collection, id));
      if (!keys.some((key) => mirror[key])) return Promise.resolve();
      return modify((current) => {
        keys.forEach((key) => delete current[key]);
        return current;
      });
    },
    refuse(id, collection, reason) {
      return modify((current) => {
        const key = outboxKey(collection, id);
        const write = current[key]?.write;
        current[key] = { collection, state: 'failed', reason, at: Date.now(), ...(write && { write }) };
        return current;
      });
    },
    remove(collection, id) {
      return modify((current) => {
        delete current[outboxKey(collection, id)];
        return current;
      });
    },
  };
}
