/**
 * Test-only browser bundle (never shipped): seeds an agent's device copy straight into IndexedDB through
 * the app's own database code. seed-agent-device.ts bundles it with esbuild and injects it into a page of
 * the app's origin as `window.harborAgentDevice`.
 */
import { createEffect, createRoot } from 'solid-js';
import { SCHEMA_VERSION, type MessageDoc, type SessionUser, type TicketDoc } from '../../app/model';
import { newId } from '../../app/model/ids';
import { browserPlatform } from '../../app/data/core/platform-browser';
import { openDatabase, type PortalDatabase } from '../../app/data/core/database';
import { createInboxFeed } from '../../app/data/agent/inbox-feed';
import { localValue } from '../../app/data/core/local-value';
import { createDeviceReads } from '../../app/data/core/reads';
import { INBOX_INDEX_DOC } from '../../app/data/agent/inbox-stored';
import { createOutbox } from '../../app/data/core/replication/outbox-store';
import { replicationIdentifier } from '../../app/data/core/replication/start-replication';
import { replicateRxCollection } from 'rxdb/plugins/replication';

const PRIORITY = ['low', 'medium', 'high', 'urgent'] as const;
const STATUS = ['open', 'pending', 'resolved', 'closed'] as const;
const CHANNEL = ['portal', 'email', 'chat'] as const;

/**
 * Seeds `tickets` tickets with `perTicket` messages each into `agent`'s copy; with `storeIndex`, then lets the
 * inbox index itself and store its index, as the app does while replication brings documents in. Returns the time.
 */
async function seed(agent: SessionUser, tickets: number, perTicket: number, storeIndex: boolean): Promise<{ ms: number }> {
  const started = performance.now();
  const outbox = createOutbox();
  const db = await openDatabase(agent, outbox, browserPlatform());
  const base = Date.UTC(2026, 0, 1);
  const ticketDocs: TicketDoc[] = [];
  const messageDocs: MessageDoc[] = [];
  // Ids as the app makes them (UUIDv7, 36 characters): the stored inbox index's size depends on them.
  const customerIds = Array.from({ length: 500 }, () => newId());
  for (let i = 0; i < tickets; i++) {
    const id = newId();
    const secondConversation = newId();
    const customerId = customerIds[i % 500]!;
    const createdAt = base + i * 60_000;
    ticketDocs.push({
      id, schemaVersion: SCHEMA_VERSION, customerId, customerName: `Customer ${i % 500}`, number: i + 1,
      subject: `Seeded request ${i} about ${['billing', 'login', 'printer', 'shipping'][i % 4]}`,
      description: 'The parcel arrived without the power cable that the product page lists as included. Could you send one?',
      status: STATUS[i % 4]!, statusChangedAt: createdAt, priority: PRIORITY[i % 4]!,
      assigneeId: i % 3 === 0 ? agent.id : null, createdAt,
    });
    for (let j = 0; j < perTicket; j++) {
      const fromCustomer = j % 2 === 0;
      messageDocs.push({
        id: j === 0 ? id : newId(), schemaVersion: SCHEMA_VERSION, ticketId: id, customerId,
        conversationId: j < perTicket / 2 ? id : secondConversation, channel: j < perTicket / 2 ? 'portal' : CHANNEL[1 + (i % 2)]!,
        visibility: j === perTicket - 1 ? 'internal' : 'public', authorRole: fromCustomer ? 'customer' : 'agent',
        authorId: fromCustomer ? customerId : agent.id, authorName: fromCustomer ? `Customer ${i % 500}` : agent.name,
        body: `Message ${j} on request ${i}: the quick brown fox jumps over the lazy dog.`, createdAt: createdAt + j * 1_000,
      });
    }
  }
  // Batches of 100, as replication writes what it pulls.
  for (let k = 0; k < ticketDocs.length; k += 100) await db.tickets.bulkInsert(ticketDocs.slice(k, k + 100));
  for (let k = 0; k < messageDocs.length; k += 100) await db.messages.bulkInsert(messageDocs.slice(k, k + 100));
  await markPushed(db);
  if (storeIndex) {
    let dispose = () => {};
    const feed = createRoot((d) => {
      dispose = d;
      return createInboxFeed(createDeviceReads(db), localValue(db, INBOX_INDEX_DOC));
    });
    await new Promise<void>((ok) => createRoot(() => createEffect(() => feed.ready() && ok())));
    await storedIndex(db);
    feed.dispose();
    dispose();
  }
  await db.close();
  return { ms: performance.now() - started };
}

/**
 * Sets the app's push checkpoint past the seeded documents, as replication leaves a device in sync: without it
 * the app's replication pushes all 55,000 to the server while it is measured. A push replication under the app's
 * replication names with that starting checkpoint (RxDB's own option) stores it and finds nothing to push.
 */
async function markPushed(db: PortalDatabase): Promise<void> {
  const past = { id: '', lwt: Date.now() + 1 }; // RxDB's write times (_meta.lwt) are milliseconds
  await new Promise((ok) => setTimeout(ok, 2));
  for (const name of ['tickets', 'messages'] as const) {
    const state = replicateRxCollection({
      collection: db[name] as never,
      replicationIdentifier: replicationIdentifier(name),
      live: false,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      push: { handler: async () => [], initialCheckpoint: past },
    });
    await state.awaitInitialReplication();
    await state.cancel();
  }
}

async function storedIndex(db: { getLocal(id: string): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 100 && !(await db.getLocal(INBOX_INDEX_DOC)); i++) await new Promise((ok) => setTimeout(ok, 100));
}

(globalThis as unknown as { harborAgentDevice: unknown }).harborAgentDevice = { seed };
