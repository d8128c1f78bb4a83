/** A simulated device for integration tests: RxDB with memory storage, replicating live with replicateCouchDB. */
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { MESSAGE_MIGRATIONS } from '../../app/data/core/database'; // also adds RxDB's schema migration plugin
import type { CollectionName } from '../../app/model/constants';
import { messageSchema, type MessageDoc } from '../../app/model/message.schema';
import { ticketSchema, type TicketDoc } from '../../app/model/ticket.schema';

/** A device: its database, its collections and their replications. */
export interface Device {
  db: RxDatabase;
  tickets?: RxCollection<TicketDoc>;
  messages?: RxCollection<MessageDoc>;
  replications: RxCouchDBReplicationState<unknown>[];
  /** Waits until every replication has pushed and pulled what it knows of. */
  inSync(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** A `fetch` that carries the session cookie, as the browser would. */
export function fetchWithCookie(cookie: string): typeof fetch {
  return (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
}

/**
 * Opens a device signed in with `cookie` against `baseUrl`, replicating `collections` live; `send` (a test's
 * recording or offline fetch) replaces the cookie-carrying fetch.
 */
export async function openDevice(
  baseUrl: string,
  cookie: string,
  collections: CollectionName[],
  send: typeof fetch = fetchWithCookie(cookie),
): Promise<Device> {
  const db = await createRxDatabase({
    name: `device${process.pid}x${++counter}x${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  // As the app defines them: the messages' schema has moved on once, so RxDB needs its migration to open it.
  const definitions = { tickets: { schema: ticketSchema }, messages: { schema: messageSchema, migrationStrategies: MESSAGE_MIGRATIONS } };
  await db.addCollections(Object.fromEntries(collections.map((name) => [name, definitions[name]])));
  const replications = collections.map((name) =>
    replicateCouchDB({
      replicationIdentifier: `harbor-${name}`,
      collection: db.collections[name]!,
      url: `${baseUrl}/db/${name}/`,
      fetch: send,
      live: true,
      waitForLeadership: false,
      retryTime: 200,
      pull: { batchSize: 50 },
      push: { batchSize: 50 },
    }),
  ) as unknown as RxCouchDBReplicationState<unknown>[];
  await Promise.all(replications.map((replication) => replication.awaitInitialReplication()));
  return {
    db,
    tickets: db.collections.tickets as RxCollection<TicketDoc> | undefined,
    messages: db.collections.messages as RxCollection<MessageDoc> | undefined,
    replications,
    async inSync() {
      await Promise.all(replications.map((replication) => replication.awaitInSync()));
    },
    async close() {
      await Promise.all(replications.map((replication) => replication.cancel()));
      await db.close();
    },
  };
}

/** Resolves with the first value of `collection`'s document `id` that satisfies `test`. */
export function waitForDoc<T>(collection: RxCollection<T>, id: string, test: (doc: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const subscription = collection.findOne(id).$.subscribe((doc) => {
      if (!doc) return;
      const data = doc.toJSON() as T;
      if (!test(data)) return;
      queueMicrotask(() => subscription.unsubscribe());
      resolve(data);
    });
  });
}
