/**
 * Email delivery states on the agent's device against a real server: pulled (pull-only) into the thread, each
 * on its own message, changing live as the server records the mail; a customer's device has no such collection;
 * signing out wipes them with the rest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchWithCookie } from '../../../sync-server/integration/device';
import { signUp, startServer, type LiveServer } from '../../../sync-server/integration/http-session';
import { couch } from '../../../sync-server/routes/db-test-helpers';
import { aDelivery } from '../../model/delivery-fixtures';
import { aMessage, aTicket } from '../../model/fixtures';
import { freshStorage, openTestPortal, until, type OpenedPortal } from '../testing/portal-fixture';

let live: LiveServer;
let portal: OpenedPortal | undefined;
beforeEach(async () => {
  localStorage.clear();
  live = await startServer(500);
});
afterEach(async () => {
  await portal?.close();
  portal = undefined;
  await live.close();
});

describe("an email reply's delivery on the agent's device", () => {
  it('shows queued, then sent or failed with the reason, live; a message without a delivery shows none', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
    const storage = live.harbor.storage;
    const ticket = aTicket(ada.user, { id: 'tk-mail', number: 7, createdAt: Date.now(), statusChangedAt: Date.now() });
    const question = aMessage(ticket, ada.user, { id: 'm-question', channel: 'email', createdAt: Date.now() });
    const answer = aMessage(ticket, sam.user, { id: 'm-answer', channel: 'email', authorRole: 'agent', createdAt: Date.now() + 1 });
    const second = aMessage(ticket, sam.user, { id: 'm-second', channel: 'email', authorRole: 'agent', createdAt: Date.now() + 2 });
    await storage.tickets.put(couch(ticket) as { _id: string });
    for (const m of [question, answer, second]) await storage.messages.put(couch(m) as { _id: string });
    await storage.deliveries.put(couch(aDelivery(answer)) as { _id: string });

    const deviceStorage = freshStorage();
    portal = await openTestPortal(sam.user, {
      storage: deviceStorage,
      replication: { origin: live.baseUrl, fetch: fetchWithCookie(sam.cookie), retryTime: 300 },
    });
    const thread = portal.within(() => portal!.data.agent!.thread(ticket.id));
    const mailOf = (id: string) => thread()?.messages.find((m) => m.id === id)?.emailDelivery;
    await until(thread, () => mailOf(answer.id)?.state === 'queued');
    expect(mailOf(question.id)).toBeUndefined();
    expect(mailOf(second.id)).toBeUndefined();

    // The server records the mail: the thread follows without a reload.
    const queued = await storage.deliveries.get(answer.id);
    await storage.deliveries.put({ ...queued, state: 'sent', attempts: 1 });
    await storage.deliveries.put(couch(aDelivery(second, { state: 'failed', reason: '550 5.1.1 mailbox unavailable', attempts: 1 })) as { _id: string });
    await until(thread, () => mailOf(answer.id)?.state === 'sent' && mailOf(second.id)?.state === 'failed');
    expect(mailOf(second.id)).toEqual({ state: 'failed', reason: '550 5.1.1 mailbox unavailable' });
    expect(mailOf(question.id)).toBeUndefined();

    // Signing out removes the copy, delivery states included.
    await portal.data.signOut();
    portal = await openTestPortal(sam.user, { storage: deviceStorage });
    expect(await portal.session.db.deliveries!.count().exec()).toBe(0);
  });

  it("never creates the collection on a customer's device", async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    portal = await openTestPortal(ada.user, { replication: { origin: live.baseUrl, fetch: fetchWithCookie(ada.cookie), retryTime: 300 } });
    expect(portal.session.db.deliveries).toBeUndefined();
    expect(Object.keys(portal.session.db.collections).sort()).toEqual(['messages', 'tickets']);
  });
});
