/** Opens the device's RxDB store for one user: Dexie (IndexedDB), tickets and messages, shared by all tabs. */
import { addRxPlugin, createRxDatabase, removeRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { messageSchema, ticketSchema, type MessageDoc, type SessionUser, type TicketDoc } from '../model';
import { createMessageConflictHandler } from './message-conflict-handler';
import type { OutboxView } from './replication/outbox-store';
import { createTicketConflictHandler } from './ticket-conflict-handler';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

/** The device's collections. */
export interface PortalCollections {
  tickets: RxCollection<TicketDoc>;
  messages: RxCollection<MessageDoc>;
}
/** The device's database. */
export type PortalDatabase = RxDatabase<PortalCollections>;

const REGISTRY_KEY = 'harbor.databases';

/** The database name of one user's copy: RxDB allows `[_$a-zA-Z0-9-]`; anything else is escaped as `_hex_`. */
export function databaseName(userId: string): string {
  return `harbor-${userId.replace(/[^a-zA-Z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}

/** The storage the app uses; tests pass a fresh fake-indexeddb. */
export function defaultStorage(): RxStorage<unknown, unknown> {
  return getRxStorageDexie() as RxStorage<unknown, unknown>;
}

function registry(): string[] {
  try {
    const names: unknown = JSON.parse(localStorage.getItem(REGISTRY_KEY) ?? '[]');
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Removes every user's copy but `keep` (another user signed in here before). */
export async function removeOtherCopies(storage: RxStorage<unknown, unknown>, keep: string | null): Promise<void> {
  const others = registry().filter((name) => name !== keep);
  for (const name of others) await removeRxDatabase(name, storage, true);
  localStorage.setItem(REGISTRY_KEY, JSON.stringify(keep ? [keep] : []));
}

/** Forgets one copy in the registry after it was removed. */
export function forgetCopy(name: string): void {
  localStorage.setItem(REGISTRY_KEY, JSON.stringify(registry().filter((n) => n !== name)));
}

/**
 * Opens `user`'s copy (removing any other user's first). `outbox` is read by the conflict handlers, which
 * must exist before the collections do. `created` is called once the database exists, before its collections
 * open: its local documents can be read from then on.
 */
export async function openDatabase(
  user: SessionUser,
  outbox: OutboxView,
  storage: RxStorage<unknown, unknown> = defaultStorage(),
  created?: (db: PortalDatabase) => void,
): Promise<PortalDatabase> {
  const name = databaseName(user.id);
  await removeOtherCopies(storage, name);
  const db = await createRxDatabase<PortalCollections>({
    name,
    storage,
    multiInstance: true,
    eventReduce: true,
    localDocuments: true,
    closeDuplicates: true,
  });
  created?.(db);
  await db.addCollections({
    tickets: { schema: ticketSchema, conflictHandler: createTicketConflictHandler(user, outbox) },
    messages: { schema: messageSchema, conflictHandler: createMessageConflictHandler(outbox) },
  });
  askPersistentStorage();
  return db;
}

/** Asks the browser not to evict the device's copy; a refusal changes nothing else. */
function askPersistentStorage(): void {
  if (typeof navigator !== 'undefined' && navigator.storage?.persist) {
    navigator.storage.persist().catch(() => undefined);
  }
}
