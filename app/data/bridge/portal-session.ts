/**
 * The Solid bridge: opens the signed-in user's device core (`core/device.ts`) on this tab's platform and turns
 * its state into signals, with the live queries and the agent's inbox over it, as the PortalData the screens use.
 */
import type { RxStorage } from 'rxdb';
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
import { setStoredUser } from '../session';
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
      return {
        user,
        ...createLiveQueries(device.reads, user, entries, listsKnown, offline),
        ...device.writes,
        ...device.failedMessages,
        sync,
        attachmentLimits: () => cachedBranding().attachmentLimits,
        attachmentBlob: (file) => device.files.blob(file),
        draft: createDraft,
        draftFiles: keptFilesOf(device.draftFiles),
        agent: user.role === 'agent' ? createAgentData(device, entries, listsKnown, offline, storedInbox) : null,
        async signOut() {
          await device.signOut();
          clearDrafts();
          setStoredUser(null);
        },
      };
    },
  };
}
