/**
 * The sync core of one signed-in user on one device, framework-free (no Solid, no DOM: what it needs of where it
 * runs comes in a `DevicePlatform`): the database, the outbox, the sync state, the HTTP client, replication and
 * every write. It runs in a tab (Dexie) and in Node (RxDB's memory storage) unchanged; the screens reach it
 * through the Solid bridge in `portal-session.ts`.
 */
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits, type SessionUser } from '../../model';
import { createAgentWrites } from './writes/agent-writes';
import { databaseName, forgetCopy, openDatabase, type PortalDatabase } from './database';
import { createDeviceHttp, type DeviceHttp } from './device-http';
import { createFailedMessageActions } from './writes/failed-message-actions';
import { createOutbox, type Outbox } from './replication/outbox-store';
import { dropUnwrittenMarks } from './replication/outbox-sweep';
import { startReplication, type Replication, type ReplicationOptions } from './replication/start-replication';
import { createSyncState, SYNC_STATE_DOC, type ReportedState, type SyncState } from './replication/sync-state';
import { createWrites } from './writes/writes';
import { createDeviceFiles, type DeviceFiles } from './files/device-files';
import { createDraftFiles, type DraftFiles } from './files/draft-files';
import { createUploadQueue, heldBack } from './files/upload-queue';
import { startUploads } from './files/uploader';
import { localValue, type LocalValue } from './local-value';
import type { DevicePlatform } from './platform';
import { createDeviceReads, type DeviceReads } from './reads';

/** How to open a device. */
export interface DeviceOptions {
  /** The copy's database name: one per user by default; several devices of one user in one process need their own. */
  name?: string;
  /** Replicate with the platform's origin (the default), with these options, or not at all (`false`). */
  replication?: ReplicationOptions | false;
  /** Called once the database exists, before its collections open (an agent's inbox starts its stored read). */
  created?(db: PortalDatabase): void;
  /** The server's attachment limits as the device last heard them (`/api/portal`); the defaults otherwise. */
  attachmentLimits?: () => AttachmentLimits;
}

/** One user's open copy on one device. */
export interface DeviceCore {
  user: SessionUser;
  db: PortalDatabase;
  /** The user's unsettled writes (pending and refused). */
  outbox: Outbox;
  sync: SyncState;
  /** The views' reads, as plain documents. */
  reads: DeviceReads;
  /** The device's idea of the network (a view that refreshes what it keeps listens to it). */
  connectivity: DevicePlatform['connectivity'];
  /** A value a view keeps on the device (a local document under `id`, never replicated). */
  local<T extends object>(id: string): LocalValue<T>;
  /** The one HTTP client of this session (null without replication). */
  http: DeviceHttp | null;
  replication: Replication | null;
  /** Whether lists are known: one full pull is done, or there is no server to ask. */
  listsKnown(): boolean;
  /** The files of this copy: attached here, uploading, or opened once. */
  files: DeviceFiles;
  /** The files chosen in composers and not sent yet, kept like drafts. */
  draftFiles: DraftFiles;
  writes: ReturnType<typeof createWrites>;
  failedMessages: ReturnType<typeof createFailedMessageActions>;
  /** The agent's writes (null for a customer). */
  agentWrites: ReturnType<typeof createAgentWrites> | null;
  close(): Promise<void>;
  /** The user's new name (changed in Settings, here or on another tab): the writes made from now on carry it. */
  rename(name: string): void;
  /** Signs out: stops replication, removes the copy from the device, ends the server's session (best effort). */
  signOut(): Promise<void>;
}

/** Opens `user`'s copy on `platform` and, unless told not to, starts replicating it. */
export async function openDevice(signedIn: SessionUser, platform: DevicePlatform, options: DeviceOptions = {}): Promise<DeviceCore> {
  // The device's own copy: every write reads its name from here, so a rename (Settings) reaches the next write.
  const user: SessionUser = { ...signedIn };
  const outbox = createOutbox();
  const name = options.name ?? databaseName(user.id);
  const limits = options.attachmentLimits ?? (() => DEFAULT_ATTACHMENT_LIMITS);
  const db = await openDatabase(user, outbox, platform, { name, ...(options.created && { created: options.created }) });
  await outbox.attach(db);
  await dropUnwrittenMarks(db, outbox);
  const storedSync = (await db.getLocal<ReportedState>(SYNC_STATE_DOC))?.toJSON().data ?? null;
  const sync = createSyncState(db, outbox.entries$, platform.connectivity, storedSync);
  const remote = options.replication === false ? null : options.replication ?? {};
  // One client for every request of this session: a 401 anywhere asks the user to sign in again.
  const http = remote && createDeviceHttp({
    origin: platform.origin,
    fetch: platform.fetch,
    onSignedIn: platform.onSignedIn,
    onReachable: (reachable) => sync.report({ reachable }),
    onNeedsSignIn: (needsSignIn) => sync.report({ needsSignIn }),
  });
  const fileStore = platform.files(name);
  const uploads = createUploadQueue(db);
  const files = createDeviceFiles(fileStore, uploads, () => http);
  // A message naming a file the server does not hold yet waits: nobody may see it without its files.
  const holdBack = async (collection: string, doc: Record<string, unknown>): Promise<boolean> =>
    collection === 'messages' && Array.isArray(doc.attachments) && doc.attachments.length > 0 && heldBack(await uploads.read(), doc);
  let replication = remote && http ? startReplication(db, outbox, sync, http, platform.connectivity, remote, holdBack) : null;
  let closed = false;
  // The files go up from the tab that replicates (the leader), one at a time.
  let uploader: { stop(): void } | null = null;
  if (remote && http) {
    void db.waitForLeadership().then(() => {
      if (!closed) uploader = startUploads({ db, queue: uploads, store: fileStore, outbox, http, connectivity: platform.connectivity, retryTime: remote.retryTime ?? 5_000 });
    }).catch(() => undefined); // closed before it led
  }

  const stop = async (): Promise<void> => {
    closed = true;
    uploader?.stop();
    uploader = null;
    await replication?.stop();
    replication = null;
    sync.dispose();
    outbox.detach();
  };

  return {
    user,
    db,
    outbox,
    sync,
    reads: createDeviceReads(db),
    connectivity: platform.connectivity,
    local: (id) => localValue(db, id),
    http,
    get replication() {
      return replication;
    },
    listsKnown: () => remote === null || sync.listsKnown(),
    files,
    draftFiles: createDraftFiles(db, fileStore),
    writes: createWrites(db, user, outbox, files, limits),
    failedMessages: createFailedMessageActions(db, user, outbox, files, limits),
    agentWrites: user.role === 'agent' ? createAgentWrites(db, user, outbox, files, limits) : null,
    rename(name) {
      user.name = name;
    },
    async close() {
      if (closed) return;
      await stop();
      http?.dispose();
      if (!db.closed) await db.close();
    },
    async signOut() {
      await stop();
      await db.remove();
      // Forgotten only once its files are gone too: otherwise the next start removes what is left, as another copy.
      if (await fileStore.remove().then(() => true, () => false)) forgetCopy(platform, name);
      const client = http ?? createDeviceHttp({ origin: platform.origin, fetch: platform.fetch, onSignedIn: platform.onSignedIn });
      // Ended first: an already expired session's 401 to the sign-out must not ask to sign in.
      client.dispose();
      await client
        .send('/api/session', { method: 'DELETE', signal: AbortSignal.timeout(5_000) })
        .catch(() => undefined); // offline: the server's session expires on its own
    },
  };
}
