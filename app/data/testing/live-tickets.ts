/**
 * A customer's portal against a live test server, with a switch that takes her device off the network, and the
 * agent's side of the same tickets read and written straight through the server's replication routes.
 */
import { expect } from 'vitest';
import { fetchWithCookie } from '../../../sync-server/integration/device';
import { signUp, type LiveServer } from '../../../sync-server/integration/http-session';
import type { TicketDoc } from '../../model';
import { openTestPortal, until, type OpenedPortal } from './portal-fixture';

/** The ticket as the server stores it, read with the given session. */
export async function serverTicket(live: LiveServer, cookie: string, id: string): Promise<TicketDoc & { _rev: string }> {
  const response = await fetchWithCookie(cookie)(`${live.baseUrl}/db/tickets/_all_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ keys: [id], include_docs: true }),
  });
  return ((await response.json()) as { rows: { doc: TicketDoc & { _rev: string } }[] }).rows[0]!.doc;
}

/** An agent's change to the stored ticket, which the server must accept. */
export async function agentSets(live: LiveServer, cookie: string, id: string, patch: Partial<TicketDoc>): Promise<void> {
  const doc = await serverTicket(live, cookie, id);
  const response = await fetchWithCookie(cookie)(`${live.baseUrl}/db/tickets/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ docs: [{ ...doc, ...patch }] }),
  });
  expect(((await response.json()) as { ok?: boolean }[])[0]?.ok).toBe(true);
}

/**
 * Ada's portal with one ticket, synced and then resolved by the agent Sam with `patch` on top; the ticket is on her
 * device resolved. `goOffline` makes her fetches fail, `goOnline` restores them and says so to the page.
 */
export async function resolvedTicketOnDevice(live: LiveServer, patch: Partial<TicketDoc> = {}) {
  const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
  let offline = false;
  const send: typeof fetch = (input, init) =>
    offline ? Promise.reject(new TypeError('Failed to fetch')) : fetchWithCookie(ada.cookie)(input, init);
  const portal: OpenedPortal = await openTestPortal(ada.user, { replication: { origin: live.baseUrl, fetch: send, retryTime: 200 } });
  const data = portal.data;
  const id = await data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
  const ticket = portal.within(() => data.ticket(id));
  await until(ticket, (t) => t?.number !== null && t !== undefined);
  await until(data.sync, (s) => s.pendingWrites === 0);
  await agentSets(live, sam.cookie, id, { status: 'resolved', statusChangedAt: Date.now(), ...patch });
  await until(ticket, (t) => t?.status === 'resolved');
  return {
    portal, data, id, ticket, samCookie: sam.cookie,
    goOffline: () => { offline = true; },
    goOnline: () => { offline = false; window.dispatchEvent(new Event('online')); },
  };
}
