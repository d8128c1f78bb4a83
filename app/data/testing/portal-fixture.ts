/** Test support: a fresh fake-indexeddb per test and a portal opened inside a Solid root. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createEffect, createRoot, getOwner, runWithOwner, type Accessor, type Owner } from 'solid-js';
import type { RxStorage } from 'rxdb';
import type { SessionUser } from '../../model';
import { openPortal, type PortalOptions, type PortalSession } from '../bridge/portal-session';
import { memoryFileStores, type FileStoreOpener } from '../core/files/file-store';

import type { PortalData } from '../bridge/types';

/** A Dexie storage over its own, empty IndexedDB. */
export function freshStorage(): RxStorage<unknown, unknown> {
  return getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }) as RxStorage<unknown, unknown>;
}

/** An open portal for `user`, its data built in a Solid root; `close` disposes both. */
export interface OpenedPortal {
  session: PortalSession;
  data: PortalData;
  /** Runs `fn` inside the root that owns `data` (for live reads). */
  within<T>(fn: () => T): T;
  close(): Promise<void>;
}

/** Opens a portal on `storage` (fresh by default), with replication only when options are given. */
export async function openTestPortal(
  user: SessionUser,
  options: { storage?: RxStorage<unknown, unknown>; files?: FileStoreOpener; replication?: PortalOptions['replication'] } = {},
): Promise<OpenedPortal> {
  const session = await openPortal(user, {
    storage: options.storage ?? freshStorage(),
    // jsdom's Blobs do not survive fake-indexeddb's cloning (a real tab's do: the journeys use IndexedDB).
    files: options.files ?? memoryFileStores(),
    replication: options.replication ?? false,
  });
  let dispose = () => {};
  let owner: Owner | null = null;
  const data = createRoot((d) => {
    dispose = d;
    owner = getOwner();
    return session.createData();
  });
  return {
    session,
    data,
    within: (fn) => runWithOwner(owner, fn) as ReturnType<typeof fn>,
    async close() {
      dispose();
      await session.close();
    },
  };
}

/** Resolves with the first value of the signal `read` that passes `ready` (rejects after `timeoutMs`). */
export function until<T>(read: Accessor<T>, ready: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    createRoot((dispose) => {
      const timer = setTimeout(() => {
        dispose();
        reject(new Error(`Timed out; last value: ${JSON.stringify(read())}`));
      }, timeoutMs);
      createEffect(() => {
        const value = read();
        if (!ready(value)) return;
        clearTimeout(timer);
        queueMicrotask(dispose);
        resolve(value);
      });
    });
  });
}
