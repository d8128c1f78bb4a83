/**
 * The failed-write path against a real server: a refused row becomes a failed message with the server's
 * reason while the rest of its batch goes through; retry pushes it again; discard removes it from the device.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchWithCookie, } from '../../../../sync-server/integration/device';
import { signUp, startServer, type LiveServer } from '../../../../sync-server/integration/http-session';
import { newId, SCHEMA_VERSION, type MessageDoc, type SessionUser, type TicketDoc } from '../../../model';
import { openTestPortal, until, type OpenedPortal } from '../../testing/portal-fixture';

let live: LiveServer;
let portal: OpenedPortal | undefined;
beforeEach(async () => {
  live = await startServer();
});
afterEach(async () => {
  await portal?.close();
  portal = undefined;
  await live.close();
});

async function serverDocs<T>(cookie: string, collection: string, ids: string[]): Promise<(T | undefined)[]> {
  const response = await fetchWithCookie(cookie)(`${live.baseUrl}/db/${collection}/_all_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ keys: ids, include_docs: true }),
  });
  const body = (await response.json()) as { rows: { doc?: T }[] };
  return body.rows.map((row) => row.doc);
}

async function agentSetsStatus(cookie: string, id: string, status: TicketDoc['status']): Promise<void> {
  const [doc] = await serverDocs<TicketDoc & { _id: string; _rev: string }>(cookie, 'tickets', [id]);
  const response = await fetchWithCookie(cookie)(`${live.baseUrl}/db/tickets/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ docs: [{ ...doc, status, statusChangedAt: Date.now() }] }),
  });
  const [row] = (await response.json()) as { ok?: boolean }[];
  expect(row?.ok).toBe(true);
}

/** A customer reply written straight into the device's store, as if the device could not know it would be refused. */
function unvalidatedReply(user: SessionUser, ticketId: string, overrides: Partial<MessageDoc> = {}): MessageDoc {
  return {
    id: newId(), schemaVersion: SCHEMA_VERSION, ticketId, customerId: user.id, conversationId: ticketId,
    channel: 'portal', visibility: 'public', authorRole: 'customer', authorId: user.id, authorName: user.name,
    body: 'Any news?', createdAt: Date.now(), ...overrides,
  };
}

describe('failed writes against the server', () => {
  it('records a refused row as failed with its reason, lets the batch through, retries and discards', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
    portal = await openTestPortal(ada.user, {
      replication: { origin: live.baseUrl, fetch: fetchWithCookie(ada.cookie), retryTime: 300 },
    });
    const { data, session } = portal;
    const sync = data.sync;

    const id = await data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
    const ticket = portal.within(() => data.ticket(id));
    await until(ticket, (t) => typeof t?.number === 'number');
    await until(sync, (s) => s.pendingWrites === 0);

    // One batch: a good reply and an internal note the server refuses.
    const good = unvalidatedReply(ada.user, id, { body: 'Here is a photo of the jam.' });
    const note = unvalidatedReply(ada.user, id, { visibility: 'internal', body: 'Note to self' });
    await session.outbox.markPending([{ id: good.id, collection: 'messages' }, { id: note.id, collection: 'messages' }]);
    await session.db.messages.bulkInsert([good, note]);

    const messages = portal.within(() => data.messages(id));
    const views = await until(messages, (list) => list?.find((m) => m.id === good.id)?.delivery.state === 'sent');
    expect(views).toBeDefined();
    await until(sync, (s) => s.pendingWrites === 0);
    const [storedGood, storedNote] = await serverDocs<MessageDoc>(sam.cookie, 'messages', [good.id, note.id]);
    expect(storedGood?.body).toBe(good.body);
    expect(storedNote).toBeUndefined();
    expect(session.outbox.entries()[`messages/${note.id}`]).toMatchObject({ state: 'failed', reason: expect.stringContaining('internal') });

    // The ticket is closed meanwhile; a reply the device could not check is refused with the server's reason.
    await agentSetsStatus(sam.cookie, id, 'closed');
    await until(ticket, (t) => t?.status === 'closed');
    const late = unvalidatedReply(ada.user, id, { body: 'One more thing' });
    await session.outbox.markPending([{ id: late.id, collection: 'messages' }]);
    await session.db.messages.insert(late);
    const afterRefusal = await until(messages, (list) => list?.find((m) => m.id === late.id)?.delivery.state === 'failed');
    expect(afterRefusal?.find((m) => m.id === late.id)?.delivery).toEqual({ state: 'failed', reason: expect.stringContaining('closed') });

    // Retrying while the ticket is still closed says why, locally; once an agent reopens it, the retry goes through.
    await expect(data.retryMessage(late.id)).rejects.toThrow('closed');
    await agentSetsStatus(sam.cookie, id, 'open');
    await until(ticket, (t) => t?.status === 'open');
    await data.retryMessage(late.id);
    await until(messages, (list) => list?.find((m) => m.id === late.id)?.delivery.state === 'sent');
    const [storedLate] = await serverDocs<MessageDoc>(sam.cookie, 'messages', [late.id]);
    expect(storedLate?.body).toBe('One more thing');

    // Discard removes the refused note from the device only.
    await data.discardMessage(note.id);
    expect(await session.db.messages.findOne(note.id).exec()).toBeNull();
    expect(session.outbox.entries()[`messages/${note.id}`]).toBeUndefined();
    expect(sync().pendingWrites).toBe(0);
  });
});
