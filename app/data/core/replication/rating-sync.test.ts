/**
 * A rating given offline, against the server: it waits, then syncs beside the agent's change made meanwhile; one the
 * server cannot take any more (the agent reopened the ticket meanwhile) is shown refused with its reason, not retried.
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

/** Ada's ticket, resolved by Sam and synced to her device; then her device goes offline. */
async function resolvedOffline() {
  const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
  let offline = false;
  const send: typeof fetch = (input, init) =>
    offline ? Promise.reject(new TypeError('Failed to fetch')) : fetchWithCookie(ada.cookie)(input, init);
  portal = await openTestPortal(ada.user, { replication: { origin: live.baseUrl, fetch: send, retryTime: 200 } });
  const data = portal.data;
  const id = await data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
  const ticket = portal.within(() => data.ticket(id));
  const rating = portal.within(() => data.ratingDelivery(id));
  await until(ticket, (t) => t?.number !== null && t !== undefined);
  await until(data.sync, (s) => s.pendingWrites === 0);
  await agentSets(sam.cookie, id, { status: 'resolved', statusChangedAt: Date.now() });
  await until(ticket, (t) => t?.status === 'resolved');
  offline = true;
  window.dispatchEvent(new Event('offline'));
  return {
    data, id, ticket, rating, samCookie: sam.cookie,
    goOnline: () => { offline = false; window.dispatchEvent(new Event('online')); },
  };
}

describe('a rating given offline', () => {
  it('waits for the network, then reaches the server beside the agent’s priority change, stamped there', async () => {
    const { data, id, ticket, rating, samCookie, goOnline } = await resolvedOffline();
    await data.rate(id, 'bad', '  It jams again.  ');
    expect(ticket()?.rating).toMatchObject({ value: 'bad', comment: 'It jams again.' });
    expect(rating()?.state).toMatch(/waiting|sending/);
    expect(data.sync().pendingWrites).toBe(1);
    await agentSets(samCookie, id, { priority: 'high', assigneeId: 'user-sam' });
    const before = Date.now();
    goOnline();
    await until(rating, (r) => r === null);
    await until(data.sync, (s) => s.pendingWrites === 0);
    const stored = await serverTicket(samCookie, id);
    expect(stored).toMatchObject({ status: 'resolved', priority: 'high', assigneeId: 'user-sam', rating: { value: 'bad', comment: 'It jams again.' } });
    expect(stored.rating!.ratedAt).toBeGreaterThanOrEqual(before);
    await until(ticket, (t) => t?.priority === 'high' && t.rating?.ratedAt === stored.rating!.ratedAt);
  });

  it('is shown refused with the reason when the agent reopened the ticket meanwhile, and is not sent again', async () => {
    const { data, id, ticket, rating, samCookie, goOnline } = await resolvedOffline();
    await data.rate(id, 'good', '');
    await agentSets(samCookie, id, { status: 'open', statusChangedAt: Date.now() + 1_000 });
    goOnline();
    const refused = await until(rating, (r) => r?.state === 'failed');
    expect(refused).toEqual({ state: 'failed', reason: 'only a resolved ticket can be rated' });
    await until(ticket, (t) => t?.status === 'open');
    expect(ticket()?.rating).toBeUndefined();
    expect(data.sync().pendingWrites).toBe(0);
    expect((await serverTicket(samCookie, id)).rating).toBeUndefined();
    await data.dismissRatingFailure(id);
    expect(rating()).toBeNull();
  });
});
