/**
 * Opens the device's RxDB store for one user on the platform's storage (Dexie in a tab): tickets and messages, and
 * for an agent the email delivery states (a customer's device never creates that collection).
 */
import { addRxPlugin, createRxDatabase, removeRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { deliverySchema, messageSchema, ticketSchema, type DeliveryDoc, type MessageDoc, type SessionUser, type TicketDoc } from '../../model';
import type { DevicePlatform } from './platform';
import { createMessageConflictHandler } from './message-conflict-handler';
import type { OutboxView } from './replication/outbox-store';
import { createTicketConflictHandler } from './ticket-conflict-handler';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * How a copy written under an older message schema is upgraded when it opens: version 1 only added the optional
 * `attachments`, so every old message stays as it is (its `schemaVersion` too: the server accepts the previous one).
 */
export const MESSAGE_MIGRATIONS = { 1: (old: MessageDoc) => old };
/** Version 1 of the ticket schema only added optional fields (`rating`, `seen`): every old ticket stays as it is. */
export const TICKET_MIGRATIONS = { 1: (old: TicketDoc) => old };

/** The device's collections. */
export interface PortalCollections {
  tickets: RxCollection<TicketDoc>;
  messages: RxCollection<MessageDoc>;
  /** Agents only: the server's record of each email reply's mail, pulled and never pushed. */
  deliveries?: RxCollection<DeliveryDoc>;
}
/** The device's database. */
export type PortalDatabase = RxDatabase<PortalCollections>;

/** The database name of one user's copy: RxDB allows `[_$a-zA-Z0-9-]`; anything else is escaped as `_hex_`. */
export function databaseName(userId: string): string {
  return `harbor-${userId.replace(/[^a-zA-Z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}

/** Removes every user's copy on the device but `keep` (another user signed in here before). */
export async function removeOtherCopies(platform: DevicePlatform, keep: string | null): Promise<void> {
  for (const name of platform.copies.read().filter((n) => n !== keep)) {
    await removeRxDatabase(name, platform.storage, true);
    await platform.files(name).remove();
  }
  platform.copies.write(keep ? [keep] : []);
}

/** Forgets one copy in the device's list after it was removed. */
export function forgetCopy(platform: DevicePlatform, name: string): void {
  platform.copies.write(platform.copies.read().filter((n) => n !== name));
}

/**
 * Opens `user`'s copy, `name` (one per user by default), removing any other user's first. `outbox` is read by the
 * conflict handlers, which must exist before the collections do. `created` is called once the database exists,
 * before its collections open: its local documents can be read from then on.
 */
export async function openDatabase(
  user: SessionUser,
  outbox: OutboxView,
  platform: DevicePlatform,
  { name = databaseName(user.id), created }: { name?: string; created?: (db: PortalDatabase) => void } = {},
): Promise<PortalDatabase> {
  await removeOtherCopies(platform, name);
  const db = await createRxDatabase<PortalCollections>({
    name,
    storage: platform.storage,
    multiInstance: platform.multiInstance,
    eventReduce: true,
    localDocuments: true,
    closeDuplicates: true,
  });
  created?.(db);
  await db.addCollections({
    tickets: { schema: ticketSchema, migrationStrategies: TICKET_MIGRATIONS, conflictHandler: createTicketConflictHandler(user, outbox) },
    messages: { schema: messageSchema, migrationStrategies: MESSAGE_MIGRATIONS, conflictHandler: createMessageConflictHandler(outbox) },
    ...(user.role === 'agent' && { deliveries: { schema: deliverySchema } }),
  });
  platform.keepStorage?.();
  return db;
}
