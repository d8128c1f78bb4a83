/**
 * The sync badge's state. The replicating (leader) tab reports reachability, activity and a lost session into
 * an RxDB local document; every tab reads it, adds the device's own idea of the network and counts the outbox.
 * Plain observables: the Solid bridge turns them into signals.
 */
import { BehaviorSubject, combineLatest, distinctUntilChanged, map, type Observable, type Subscription } from 'rxjs';
import type { Connectivity } from '../platform';
import { newId } from '../../../model/ids';
import { unsentActions, type LocalDocsDatabase, type OutboxEntries } from './outbox-store';

/** What the replicating tab reports (kept in a local document). */
export interface ReportedState {
  reachable: boolean;
  /** RxDB's replication is doing something (an empty longpoll renewal too). */
  active: boolean;
  /** Documents are arriving from the server. */
  pulling?: boolean;
  needsSignIn: boolean;
  /** The device has finished one full pull from the server (so an empty list means no tickets). */
  pulledOnce?: boolean;
}

/** What the sync badge shows. */
export interface SyncStatus {
  connection: 'online' | 'offline' | 'syncing';
  pendingWrites: number;
  needsSignIn: boolean;
}

/** The local document holding the reported state. */
export const SYNC_STATE_DOC = 'sync-state';
const DOC_ID = SYNC_STATE_DOC;
const INITIAL: ReportedState = { reachable: true, active: false, needsSignIn: false };

/** The badge state of one open database, and the leader's way to report into it. */
export interface SyncState {
  status(): SyncStatus;
  status$: Observable<SyncStatus>;
  /** Whether lists are known: one full pull is done, or there is no server to ask (offline, not replicating). */
  listsKnown(): boolean;
  listsKnown$: Observable<boolean>;
  /** Called by the replicating tab only. */
  report(part: Partial<ReportedState>): void;
  dispose(): void;
}

const sameStatus = (a: SyncStatus, b: SyncStatus): boolean =>
  a.connection === b.connection && a.pendingWrites === b.pendingWrites && a.needsSignIn === b.needsSignIn;

/** The reported state as stored, with the tab that wrote it. */
type StoredState = ReportedState & { writer?: string };

function withoutWriter({ writer: _writer, ...state }: StoredState): ReportedState {
  return state;
}

/** The badge state computed from one report, the device's network and the outbox. */
function statusOf(state: ReportedState, online: boolean, entries: OutboxEntries): SyncStatus {
  const offline = !online || !state.reachable;
  const pendingWrites = unsentActions(entries);
  // Syncing is work the user waits for: the first pull (however RxDB's activity flickers meanwhile), writes
  // going out, documents coming in. An active replication with none of these is a longpoll renewing.
  const syncing = !state.pulledOnce || (state.active && (pendingWrites > 0 || !!state.pulling));
  return {
    connection: offline ? 'offline' : syncing ? 'syncing' : 'online',
    pendingWrites,
    needsSignIn: state.needsSignIn,
  };
}

/** Creates the badge state from the last stored report. */
export function createSyncState(
  db: LocalDocsDatabase,
  entries$: Observable<OutboxEntries>,
  connectivity: Connectivity,
  stored: ReportedState | null = null,
): SyncState {
  const reported$ = new BehaviorSubject<ReportedState>(stored ? withoutWriter(stored) : INITIAL);
  const online$ = new BehaviorSubject(connectivity.online());
  const stopConnectivity = connectivity.onChange((online) => online$.next(online));

  // The reporting tab already holds its newest state: the stored copies of its own earlier reports, which arrive
  // one by one as the writes complete, would otherwise overwrite a newer state (pulledOnce dropped, the badge
  // flickering to Syncing) and be merged into the next report.
  const writer = newId();
  let writing: Promise<unknown> = Promise.resolve();
  const subscription: Subscription = db.getLocal$<StoredState>(DOC_ID).subscribe((doc) => {
    const data = doc?.toJSON().data;
    if (data && data.writer !== writer) reported$.next(withoutWriter(data));
  });

  const status$ = new BehaviorSubject<SyncStatus>(statusOf(reported$.value, online$.value, {}));
  const listsKnown$ = new BehaviorSubject(false);
  const derived = combineLatest([reported$, online$, entries$])
    .pipe(map(([state, online, entries]) => statusOf(state, online, entries)), distinctUntilChanged(sameStatus))
    .subscribe(status$);
  const known = combineLatest([reported$, status$])
    .pipe(map(([state, status]) => !!state.pulledOnce || status.connection === 'offline'), distinctUntilChanged())
    .subscribe(listsKnown$);

  return {
    status: () => status$.value,
    status$,
    listsKnown: () => listsKnown$.value,
    listsKnown$,
    report(part) {
      // Compared with what every tab sees (the stored state), so a stale state left by an earlier run is replaced.
      const current = reported$.value;
      const next = { ...current, ...part };
      const same = (Object.keys(next) as (keyof ReportedState)[]).every((key) => next[key] === current[key]);
      if (same) return;
      reported$.next(next);
      writing = writing.then(() => db.upsertLocal<StoredState>(DOC_ID, { ...next, writer })).catch(() => undefined);
    },
    dispose() {
      subscription.unsubscribe();
      derived.unsubscribe();
      known.unsubscribe();
      stopConnectivity();
    },
  };
}
