/**
 * The Solid bridge: opens the signed-in user's device core (`core/device.ts`) on this tab's platform and turns
 * its state into signals, with the live queries and the agent's inbox over it, as the PortalData the screens use.
 */
import type { RxStorage } from 'rxdb';
import { createComputed, createMemo } from 'solid-js';
import type { SessionUser } from '../../model';
import { openDevice, type DeviceCore } from '../core/device';
import { browserPlatform } from '../core/platform-browser';
import { createAgentData } from '../agent/agent-data';
import type { PortalDatabase } from '../core/database';
import { createDraft, clearDrafts } from './drafts';
import { fromState } from './live-bridge';
import { createLiveQueries } from '../customer/live-queries';
import type { Outbox } from '../core/replication/outbox-store';
import type { ReplicationOptions } from '../core/replication/start-replication';
import { createStoredUser, setStoredUser } from '../session';
import { createAccountActions } from './account-actions';
import type { PortalData } from './types';
import { keptFilesOf } from './kept-files';
import { INBOX_INDEX_DOC, readStoredIndex, type RestoredIndex } from '../agent/inbox-stored';
import { localValue } from '../core/local-value';
import { cachedBranding } from '../branding';
import type { FileStoreOpener } from '../core/files/file-store';

/** Options for tests: a fresh fake-indexeddb storage, another origin and fetch, or no replication at all. */
export interface PortalOptions {
  storage?: RxStorage<unknown, unknown>;
  files?: FileStoreOpener;
  replication?: (ReplicationOptions & { origin?: string; fetch?: typeof fetch }) | false;
}

/** An open portal: its data (create it inside a reactive owner) and the way to close it. */
export interface PortalSession {
  device: DeviceCore;
  db: PortalDatabase;
  /** The user's unsettled writes (pending and refused). */
  outbox: Outbox;
  /** Builds the PortalData; call inside a reactive owner, which owns its subscriptions. */
  createData(): PortalData;
  close(): Promise<void>;
}

/** Opens `user`'s copy on this device. */
export async function openPortal(user: SessionUser, options: PortalOptions = {}): Promise<PortalSession> {
  const { origin, fetch, ...replication } = options.replication || {};
  const platform = browserPlatform({ ...(options.storage && { storage: options.storage }), ...(options.files && { files: options.files }), ...(origin && { origin }), ...(fetch && { fetch }) });
  // An agent's inbox starts from its stored index (3 MB): its read overlaps opening the collections and the outbox.
  let storedInbox: Promise<RestoredIndex | null> | undefined;
  const device = await openDevice(user, platform, {
    replication: options.replication === false ? false : replication,
    attachmentLimits: () => cachedBranding().attachmentLimits,
    created: (db) => {
      if (user.role === 'agent') storedInbox = readStoredIndex(localValue(db, INBOX_INDEX_DOC)).catch(() => null); // read afresh instead
    },
  });
  const { db, outbox } = device;

  return {
    device,
    db,
    outbox,
    close: () => device.close(),
    createData(): PortalData {
      const entries = fromState(outbox.entries$, outbox.entries);
      const listed = fromState(device.sync.listsKnown$, device.sync.listsKnown);
      const replicating = device.http !== null;
      const listsKnown = () => !replicating || listed();
      const sync = fromState(device.sync.status$, device.sync.status);
      const offline = () => sync().connection === 'offline';
      const live = liveUser(device);
      const signOut = async () => {
        await device.signOut();
        clearDrafts();
        setStoredUser(null);
      };
      return {
        user: live,
        account: createAccountActions(device, signOut),
        ...createLiveQueries(device.reads, user, entries, listsKnown, offline),
        ...device.writes,
        ...device.failedMessages,
        sync,
        attachmentLimits: () => cachedBranding().attachmentLimits,
        attachmentBlob: (file) => device.files.blob(file),
        draft: createDraft,
        draftFiles: keptFilesOf(device.draftFiles),
        agent: user.role === 'agent' ? createAgentData(device, entries, listsKnown, offline, storedInbox) : null,
        signOut,
      };
    },
  };
}

/**
 * The device's user with a reactive `name`: the kept user's, as Settings renames it here or in another tab; the
 * device is renamed with it, so the next writes carry the new name. Call inside a reactive owner.
 */
function liveUser(device: DeviceCore): SessionUser {
  const { id, email, role } = device.user;
  const kept = createStoredUser();
  const name = createMemo(() => {
    const user = kept();
    return user?.id === id ? user.name : device.user.name;
  });
  createComputed(() => device.rename(name()));
  return { id, email, role, get name() { return name(); } };
}
