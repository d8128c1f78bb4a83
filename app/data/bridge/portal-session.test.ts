/** Sessions on the device: a lost session holds unsent writes until sign-in; sign-out wipes the device's copy. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEffect } from 'solid-js';
import { fetchWithCookie } from '../../../sync-server/integration/device';
import { signIn, signUp, startServer, type LiveServer } from '../../../sync-server/integration/http-session';
import { createDraft } from './drafts';
import { announceSignedIn, setStoredUser, storedUser } from '../session';
import { freshStorage, openTestPortal, until, type OpenedPortal } from '../testing/portal-fixture';

let live: LiveServer;
let portal: OpenedPortal | undefined;
beforeEach(async () => {
  localStorage.clear();
  live = await startServer();
});
afterEach(async () => {
  await portal?.close();
  portal = undefined;
  await live.close();
});

async function serverHas(cookie: string, collection: string, id: string): Promise<boolean> {
  const response = await fetchWithCookie(cookie)(`${live.baseUrl}/db/${collection}/_all_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ keys: [id], include_docs: true }),
  });
  const body = (await response.json()) as { rows: { doc?: unknown }[] };
  return !!body.rows[0]?.doc;
}

describe('the session on the device', () => {
  it('keeps writes made after the session ended, asks to sign in, and sends them after sign-in', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
    let cookie = ada.cookie;
    const send: typeof fetch = (input, init) => fetchWithCookie(cookie)(input, init);
    portal = await openTestPortal(ada.user, { replication: { origin: live.baseUrl, fetch: send, retryTime: 300 } });
    const { data } = portal;
    const first = await data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
    await until(data.sync, (s) => s.pendingWrites === 0);

    await fetchWithCookie(cookie)(`${live.baseUrl}/api/session`, { method: 'DELETE' });
    const second = await data.createTicket({ subject: 'Scanner too', description: '', message: 'The scanner is stuck as well.' });
    await until(data.sync, (s) => s.needsSignIn);
    expect(data.sync().pendingWrites).toBe(1); // the second request, its ticket and first message
    expect(await serverHas(sam.cookie, 'tickets', second)).toBe(false);

    cookie = await signIn(live.baseUrl, 'ada@example.com');
    announceSignedIn();
    await until(data.sync, (s) => !s.needsSignIn && s.pendingWrites === 0);
    expect(await serverHas(sam.cookie, 'tickets', second)).toBe(true);
    expect(await serverHas(sam.cookie, 'messages', first)).toBe(true);
  });

  it('replaces a state an earlier run left behind (offline, signed out) once this tab replicates', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const storage = freshStorage();
    portal = await openTestPortal(ada.user, { storage });
    await portal.session.db.upsertLocal('sync-state', { reachable: false, active: false, needsSignIn: true });
    await portal.close();
    portal = await openTestPortal(ada.user, {
      storage,
      replication: { origin: live.baseUrl, fetch: fetchWithCookie(ada.cookie), retryTime: 300 },
    });
    expect(portal.data.sync()).toMatchObject({ connection: 'offline', needsSignIn: true });
    await until(portal.data.sync, (s) => s.connection !== 'offline' && !s.needsSignIn);
  });

  it('keeps a new device’s list loading until the first pull is done, never showing an empty list', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const replication = { origin: live.baseUrl, fetch: fetchWithCookie(ada.cookie), retryTime: 300 };
    portal = await openTestPortal(ada.user, { replication });
    await portal.data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
    await until(portal.data.sync, (s) => s.pendingWrites === 0);
    await portal.close();

    portal = await openTestPortal(ada.user, { storage: freshStorage(), replication });
    const seen: (number | undefined)[] = [];
    const list = portal.within(() => {
      const tickets = portal!.data.tickets();
      createEffect(() => seen.push(tickets()?.length));
      return tickets;
    });
    await until(list, (l) => l?.length === 1);
    expect(seen.filter((n) => n !== undefined)).toEqual([1]);
  });

  it('signs out: stops replication, removes the copy, ends the session, forgets the user and drafts', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    setStoredUser(ada.user);
    createDraft('new-request').set('half typed');
    const storage = freshStorage();
    portal = await openTestPortal(ada.user, {
      storage,
      replication: { origin: live.baseUrl, fetch: fetchWithCookie(ada.cookie), retryTime: 300 },
    });
    await portal.data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
    await until(portal.data.sync, (s) => s.pendingWrites === 0);
    await portal.data.signOut();

    expect(storedUser()).toBeNull();
    expect(createDraft('new-request').value()).toBe('');
    const session = await fetchWithCookie(ada.cookie)(`${live.baseUrl}/api/session`);
    expect(session.status).toBe(401);

    portal = await openTestPortal(ada.user, { storage });
    expect(await portal.session.db.tickets.count().exec()).toBe(0);
    expect(portal.session.outbox.entries()).toEqual({});
  });

  it('removes the previous user’s copy when a different user opens the device', async () => {
    const storage = freshStorage();
    const ada = { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', role: 'customer' as const };
    const grace = { id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com', role: 'customer' as const };
    portal = await openTestPortal(ada, { storage });
    await portal.data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
    await portal.close();
    portal = await openTestPortal(grace, { storage });
    await portal.close();
    portal = await openTestPortal(ada, { storage });
    expect(await portal.session.db.tickets.count().exec()).toBe(0);
  });
});
