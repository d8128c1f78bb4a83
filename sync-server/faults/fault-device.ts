/** A device for the fault suite: RxDB in memory under a chosen name (reopened, it keeps its data), recording acknowledged writes. */
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createSinceAnchor } from '../../app/data/replication/live-since';
import { messageSchema, type MessageDoc } from '../../app/model/message.schema';
import { ticketSchema, type TicketDoc } from '../../app/model/ticket.schema';
import { fetchWithCookie } from '../integration/device';

/** An open fault-suite device. */
export interface FaultDevice {
  db: RxDatabase;
  tickets: RxCollection<TicketDoc>;
  messages: RxCollection<MessageDoc>;
  replications: RxCouchDBReplicationState<unknown>[];
  /** Ids the server answered `ok` for in a `_bulk_docs` answer. */
  acknowledged: Set<string>;
  /** Resolves when the next `_bulk_docs` request has been sent (its answer not yet read). */
  nextPushSent(): Promise<void>;
  /** Pushes and pulls again until every replication is in sync. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Opens (or reopens) device `name` replicating both collections through `baseUrl` with `cookie`. */
export async function openFaultDevice(name: string, baseUrl: string, cookie: string, acknowledged = new Set<string>()): Promise<FaultDevice> {
  const db = await createRxDatabase({ name, storage: getRxStorageMemory(), multiInstance: false });
  await db.addCollections({ tickets: { schema: ticketSchema }, messages: { schema: messageSchema } });
  const base = fetchWithCookie(cookie);
  let pushSent: Array<() => void> = [];
  // One per collection, as the app's couch fetch: RxDB's live pull must not start from a late `since=now`.
  const recording = (): typeof fetch => {
    const anchor = createSinceAnchor();
    return async (input, init) => {
      const url = await anchor.rewrite(String(input));
      const isPush = url.includes('_bulk_docs');
      const answer = base(url, init);
      if (isPush) for (const resolve of pushSent.splice(0)) resolve();
      const res = await answer;
      // As the app's couch fetch: RxDB's live pull reads `results` of any JSON outside its retry, and an error
      // body (a balancer's 502, a 503 while storage is away) would end it for good.
      if (!res.ok) throw new Error(`${new URL(url).pathname} answered ${res.status}`);
      if (isPush && res.status === 201) {
        const rows = (await res.clone().json()) as Array<{ id?: string; ok?: boolean }>;
        for (const row of rows) if (row.ok && row.id) acknowledged.add(row.id);
      }
      return res;
    };
  };
  const replications = (['tickets', 'messages'] as const).map((collection) =>
    replicateCouchDB({
      replicationIdentifier: `harbor-${collection}`,
      collection: db.collections[collection]!,
      url: `${baseUrl}/db/${collection}/`,
      fetch: recording(),
      live: true,
      waitForLeadership: false,
      retryTime: 200,
      pull: { batchSize: 50 },
      push: { batchSize: 20 },
    }),
  ) as unknown as RxCouchDBReplicationState<unknown>[];
  return {
    db,
    tickets: db.collections.tickets as RxCollection<TicketDoc>,
    messages: db.collections.messages as RxCollection<MessageDoc>,
    replications,
    acknowledged,
    nextPushSent: () => new Promise((resolve) => pushSent.push(resolve)),
    async settle() {
      for (const replication of replications) replication.reSync();
      await Promise.all(replications.map((replication) => replication.awaitInSync()));
    },
    async close() {
      pushSent = [];
      await Promise.all(replications.map((replication) => replication.cancel()));
      await db.close();
    },
  };
}
