/**
 * Live CouchDB replication of both collections against this origin's `/db/{c}/`, in the leader tab only
 * (RxDB's leader election): one longpoll per collection however many tabs are open. An agent's device also pulls
 * `deliveries` (email delivery states), pull-only: only the server writes them.
 */
import { combineLatest, type Subscription } from 'rxjs';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { COLLECTIONS, type CollectionName, type FeedCollection } from '../../../model';
import type { PortalDatabase } from '../database';
import type { Connectivity } from '../platform';
import type { DeviceHttp } from '../device-http';
import { createCouchFetch, createPullFetch } from './couch-fetch';
import type { Outbox } from './outbox-store';
import { stillCurrent } from './still-current';
import type { SyncState } from './sync-state';

/** A running replication. */
export interface Replication {
  states: RxCouchDBReplicationState<unknown>[];
  stop(): Promise<void>;
}

/** Options for tests and the fault suite: a shorter retry, smaller batches. */
export interface ReplicationOptions {
  retryTime?: number;
  pullBatchSize?: number;
  pushBatchSize?: number;
}

/** Whether a document is not to be sent yet (a message whose files are still uploading). */
export type HoldBack = (collection: CollectionName, doc: Record<string, unknown>) => Promise<boolean>;

/** The replication's name for one collection: RxDB keeps its checkpoints and known server states under it. */
export const replicationIdentifier = (name: FeedCollection): string => `harbor-couchdb-${name}`;

/** Starts replicating `db` through `http` (waits for leadership) and reports into `sync`. */
export function startReplication(
  db: PortalDatabase,
  outbox: Outbox,
  sync: SyncState,
  http: DeviceHttp,
  connectivity: Connectivity,
  options: ReplicationOptions = {},
  holdBack: HoldBack = async () => false,
): Replication {
  const aborter = new AbortController();
  // A new leader starts from a clean state: whatever an earlier run left (offline, a lost session) is re-checked.
  void db.waitForLeadership().then(() => {
    if (!aborter.signal.aborted) sync.report({ reachable: true, active: false, needsSignIn: http.gate.needsSignIn() });
  });
  const states = COLLECTIONS.map((name: CollectionName) =>
    replicateCouchDB({
      replicationIdentifier: replicationIdentifier(name),
      collection: db[name] as never,
      url: http.url(`/db/${name}/`),
      fetch: createCouchFetch({
        collection: name,
        outbox,
        http,
        signal: aborter.signal,
        stillCurrent: (sent) => stillCurrent(db, name, sent),
      }) as typeof fetch,
      live: true,
      retryTime: options.retryTime ?? 5_000,
      waitForLeadership: true,
      pull: { batchSize: options.pullBatchSize ?? 100 },
      // Customers never delete: a local removal (a discarded failed message) stays on this device. A held-back
      // document is skipped (RxDB then takes it as sent: its release writes a new revision, marked to be sent).
      push: {
        batchSize: options.pushBatchSize ?? 50,
        modifier: async (doc: Record<string, unknown>) => (doc._deleted || (await holdBack(name, doc)) ? null : doc),
      },
    }) as RxCouchDBReplicationState<unknown>,
  );
  const deliveries = db.deliveries;
  if (deliveries) {
    states.push(replicateCouchDB({
      replicationIdentifier: replicationIdentifier('deliveries'),
      collection: deliveries as never,
      url: http.url('/db/deliveries/'),
      fetch: createPullFetch({ http, signal: aborter.signal }) as typeof fetch,
      live: true,
      retryTime: options.retryTime ?? 5_000,
      waitForLeadership: true,
      pull: { batchSize: options.pullBatchSize ?? 100 },
    }) as RxCouchDBReplicationState<unknown>);
  }
  // The lists are known once tickets and messages are pulled; delivery states can follow.
  void Promise.all(states.slice(0, COLLECTIONS.length).map((s) => s.awaitInitialReplication()))
    .then(() => sync.report({ pulledOnce: true }))
    .catch(() => undefined); // stopped before the first pull finished
  // RxDB is active for a moment at every longpoll answer, an empty renewal included: that is not syncing (and the
  // badge is a live region, announced at each change). Documents arriving are: each replication says so until
  // its activity ends.
  const pulling = states.map(() => false);
  const subscriptions: Subscription[] = [
    ...states.map((s, i) =>
      s.received$.subscribe(() => {
        if (pulling[i]) return;
        pulling[i] = true;
        sync.report({ pulling: true });
      })),
    combineLatest(states.map((s) => s.active$)).subscribe((active) => {
      active.forEach((isActive, i) => {
        if (!isActive) pulling[i] = false;
      });
      sync.report({ active: active.some(Boolean), pulling: pulling.some(Boolean) });
    }),
    ...states.map((s) => s.error$.subscribe(() => undefined)),
  ];
  // Back online: try at once rather than after the retry pause.
  const stopConnectivity = connectivity.onChange((online) => {
    if (online) states.forEach((s) => s.reSync());
  });

  return {
    /** The running replications, for the fault suite (which waits for them to be in sync). */
    states,
    async stop() {
      stopConnectivity();
      subscriptions.forEach((s) => s.unsubscribe());
      aborter.abort();
      await Promise.all(states.map((s) => s.cancel()));
    },
  };
}
