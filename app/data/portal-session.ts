/**
 * One signed-in user's data on this device: opens the database, attaches the outbox and the sync state,
 * starts replication, and assembles the PortalData the screens use. Also the sign-out that wipes it all.
 */
import type { RxStorage } from 'rxdb';
import type { SessionUser } from '../model';
import { databaseName, forgetCopy, openDatabase, type PortalDatabase } from './database';
import { createAgentData } from './agent-data';
import { createDeviceHttp, type DeviceHttp } from './device-http';
import { createDraft, clearDrafts } from './drafts';
import { createLiveQueries } from './live-queries';
import { createOutbox, type Outbox } from './replication/outbox-store';
import { dropUnwrittenMarks } from './replication/outbox-sweep';
import { startReplication, type Replication, type ReplicationOptions } from './replication/start-replication';
import { createSyncState, SYNC_STATE_DOC, type ReportedState } from './replication/sync-state';
import { setStoredUser } from './session';
import type { PortalData } from './types';
import { createFailedMessageActions } from './failed-message-actions';
import { readStoredIndex, type RestoredIndex } from './inbox-stored';
import { createWrites } from './writes';

/** Options for tests: a fresh fake-indexeddb storage, another origin, or no replication at all. */
export interface PortalOptions {
  storage?: RxStorage<unknown, unknown>;
  replication?: ReplicationOptions | false;
}

/** An open portal: its data (create it inside a reactive owner) and the way to close it. */
export interface PortalSession {
  db: PortalDatabase;
  /** The user's unsettled writes (pending and refused). */
  outbox: Outbox;
  /** Builds the PortalData; call inside a reactive owner, which owns its subscriptions. */
  createData(): PortalData;
  close(): Promise<void>;
}

/** Opens `user`'s copy on this device. */
export async function openPortal(user: SessionUser, options: PortalOptions = {}): Promise<PortalSession> {
  const outbox = createOutbox();
  // An agent's inbox starts from its stored index (3 MB): its read overlaps opening the collections and the outbox.
  let storedInbox: Promise<RestoredIndex | null> | undefined;
  const db = await openDatabase(user, outbox, options.storage, (created) => {
    if (user.role === 'agent') storedInbox = readStoredIndex(created).catch(() => null); // read afresh instead
  });
  await outbox.attach(db);
  await dropUnwrittenMarks(db, outbox);
  const storedSync = (await db.getLocal<ReportedState>(SYNC_STATE_DOC))?.toJSON().data ?? null;
  let replication: Replication | null = null;
  let http: DeviceHttp | null = null;
  let closed = false;
  let disposeSync = () => {};

  const close = async () => {
    if (closed) return;
    closed = true;
    await replication?.stop();
    http?.dispose();
    disposeSync();
    outbox.detach();
    if (!db.closed) await db.close();
  };

  return {
    db,
    outbox,
    close,
    createData(): PortalData {
      const sync = createSyncState(db, outbox.entries, storedSync);
      disposeSync = () => sync.dispose();
      const remote = options.replication === false ? null : options.replication ?? {};
      // One client for every request of this session: a 401 anywhere asks the user to sign in again.
      const deviceHttp = remote && createDeviceHttp({
        ...remote,
        onReachable: (reachable) => sync.report({ reachable }),
        onNeedsSignIn: (needsSignIn) => sync.report({ needsSignIn }),
      });
      http = deviceHttp;
      if (remote && deviceHttp) replication = startReplication(db, outbox, sync, deviceHttp, remote);
      const replicating = remote !== null;
      const queries = createLiveQueries(db, user, outbox.entries, () => !replicating || sync.listsKnown());
      const writes = createWrites(db, user, outbox);
      const failedMessages = createFailedMessageActions(db, user, outbox);
      return {
        user,
        ...queries,
        ...writes,
        ...failedMessages,
        sync: sync.status,
        draft: createDraft,
        agent: user.role === 'agent'
          ? createAgentData(db, user, outbox, () => !replicating || sync.listsKnown(), deviceHttp, storedInbox)
          : null,
        async signOut() {
          await replication?.stop();
          replication = null;
          disposeSync();
          outbox.detach();
          closed = true;
          await db.remove();
          forgetCopy(databaseName(user.id));
          const client = deviceHttp ?? createDeviceHttp();
          // Ended first: an already expired session's 401 to the sign-out must not ask to sign in.
          client.dispose();
          await client
            .send('/api/session', { method: 'DELETE', signal: AbortSignal.timeout(5_000) })
            .catch(() => undefined); // offline: the server's session expires on its own
          clearDrafts();
          setStoredUser(null);
        },
      };
    },
  };
}
