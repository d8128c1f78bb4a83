/**
 * The sync badge's state. The replicating (leader) tab reports reachability, activity and a lost session into
 * an RxDB local document; every tab reads it, adds its own `navigator.onLine` and counts the outbox.
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import type { Subscription } from 'rxjs';
import type { LocalDocsDatabase } from './outbox-store';
import type { SyncStatus } from '../types';
import type { OutboxEntry } from './outbox-store';

/** What the replicating tab reports (kept in a local document). */
export interface ReportedState {
  reachable: boolean;
  active: boolean;
  needsSignIn: boolean;
  /** The device has finished one full pull from the server (so an empty list means no tickets). */
  pulledOnce?: boolean;
}

/** The local document holding the reported state. */
export const SYNC_STATE_DOC = 'sync-state';
const DOC_ID = SYNC_STATE_DOC;
const INITIAL: ReportedState = { reachable: true, active: false, needsSignIn: false };

/** The badge state of one open database, and the leader's way to report into it. */
export interface SyncState {
  status: Accessor<SyncStatus>;
  /** Whether lists are known: one full pull is done, or there is no server to ask (offline, not replicating). */
  listsKnown: Accessor<boolean>;
  /** Called by the replicating tab only. */
  report(part: Partial<ReportedState>): void;
  dispose(): void;
}

/** Creates the badge state from the last stored report; call inside a reactive owner (it derives memos). */
export function createSyncState(
  db: LocalDocsDatabase,
  entries: Accessor<Record<string, OutboxEntry>>,
  stored: ReportedState | null = null,
): SyncState {
  const [reported, setReported] = createSignal<ReportedState>(stored ?? INITIAL);
  const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
  const onOnline = () => setOnline(true);
  const onOffline = () => setOnline(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  let writing: Promise<unknown> = Promise.resolve();
  const subscription: Subscription = db.getLocal$<ReportedState>(DOC_ID).subscribe((doc) => {
    if (doc) setReported(doc.toJSON().data);
  });

  const pendingWrites = createMemo(
    () => Object.values(entries()).filter((e) => e.state === 'pending' || e.state === 'retrying').length,
  );
  const status = createMemo<SyncStatus>(
    () => {
      const state = reported();
      const offline = !online() || !state.reachable;
      return {
        connection: offline ? 'offline' : state.active ? 'syncing' : 'online',
        pendingWrites: pendingWrites(),
        needsSignIn: state.needsSignIn,
      };
    },
    undefined as unknown as SyncStatus,
    { equals: (a, b) => a.connection === b.connection && a.pendingWrites === b.pendingWrites && a.needsSignIn === b.needsSignIn },
  );

  return {
    status,
    listsKnown: createMemo(() => !!reported().pulledOnce || status().connection === 'offline'),
    report(part) {
      // Compared with what every tab sees (the stored state), so a stale state left by an earlier run is replaced.
      const current = reported();
      const next = { ...current, ...part };
      const same = (Object.keys(next) as (keyof ReportedState)[]).every((key) => next[key] === current[key]);
      if (same) return;
      setReported(next);
      writing = writing.then(() => db.upsertLocal<ReportedState>(DOC_ID, next)).catch(() => undefined);
    },
    dispose() {
      subscription.unsubscribe();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    },
  };
}
