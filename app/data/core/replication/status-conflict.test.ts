/**
 * The status conflict of ARCHITECTURE.md end to end: the agent set pending while the customer replied offline.
 * The later `statusChangedAt` wins on the device and on the server, in both orders; nothing else is lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchWithCookie } from '../../../../sync-server/integration/device';
import { signUp, startServer, type LiveServer } from '../../../../sync-server/integration/http-session';
import type { TicketDoc } from '../../../model';
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

async function serverTicket(cookie: string, id: string): Promise<TicketDoc & { _rev: string }> {
  const response = await fetchWithCookie(cookie)(`${live.baseUrl}/db/tickets/_all_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ keys: [id], include_docs: true }),
  });
  return ((await response.json()) as { rows: { doc: TicketDoc & { _rev: string } }[] }).rows[0]!.doc;
}

async function agentSets(cookie: string, id: string, patch: Partial<TicketDoc>): Promise<void> {
  const doc = await serverTicket(cookie, id);
  const response = await fetchWithCookie(cookie)(`${live.baseUrl}/db/tickets/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ docs: [{ ...doc, ...patch }] }),
  });
  expect(((await response.json()) as { ok?: boolean }[])[0]?.ok).toBe(true);
}

async function setup() {
  const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
  let offline = false;
  const send: typeof fetch = (input, init) =>
    offline ? Promise.reject(new TypeError('Failed to fetch')) : fetchWithCookie(ada.cookie)(input, init);
  portal = await openTestPortal(ada.user, { replication: { origin: live.baseUrl, fetch: send, retryTime: 200 } });
  const data = portal.data;
  const id = await data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
  const ticket = portal.within(() => data.ticket(id));
  await until(ticket, (t) => t?.number !== null && t !== undefined);
  await until(data.sync, (s) => s.pendingWrites === 0);
  await agentSets(sam.cookie, id, { status: 'resolved', statusChangedAt: Date.now(), priority: 'high' });
  await until(ticket, (t) => t?.status === 'resolved');
  return {
    data, id, ticket, samCookie: sam.cookie,
    goOffline: () => { offline = true; },
    goOnline: () => { offline = false; window.dispatchEvent(new Event('online')); },
  };
}

describe('status conflict against the server', () => {
  it('keeps the agent’s later pending over the customer’s earlier offline reopen', async () => {
    const { data, id, ticket, samCookie, goOffline, goOnline } = await setup();
    goOffline();
    await data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Still jams.' });
    const reopenedAt = (await until(ticket, (t) => t?.status === 'open'))!.statusChangedAt;
    await agentSets(samCookie, id, { status: 'pending', statusChangedAt: reopenedAt + 1_000 });
    goOnline();
    await until(data.sync, (s) => s.pendingWrites === 0);
    await until(ticket, (t) => t?.status === 'pending');
    expect(await serverTicket(samCookie, id)).toMatchObject({ status: 'pending', priority: 'high' });
  });

  it('keeps the customer’s later offline reopen over the agent’s earlier pending', async () => {
    const { data, id, ticket, samCookie, goOffline, goOnline } = await setup();
    goOffline();
    await agentSets(samCookie, id, { status: 'pending', statusChangedAt: Date.now() - 1_000 });
    await data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Still jams.' });
    goOnline();
    await until(data.sync, (s) => s.pendingWrites === 0);
    expect(await serverTicket(samCookie, id)).toMatchObject({ status: 'open', priority: 'high' });
    expect(ticket()).toMatchObject({ status: 'open', priority: 'high' });
  });
});
