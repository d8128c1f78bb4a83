/**
 * A device back after a week offline: its replies go out in RxDB's push batches (50, as the app's) and all arrive,
 * under the default write limit without one 429, and past a low one after 429s RxDB's replication retries by itself.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { ServerConfig } from '../config';
import { fetchWithCookie, openDevice, waitForDoc, type Device } from './device';
import { signUp, startServer, type LiveServer } from './http-session';

let live: LiveServer | undefined;
let device: Device | undefined;
afterEach(async () => {
  await device?.close();
  await live?.close();
  device = undefined;
  live = undefined;
});

/** The push answers seen, and a switch for the network; throws on an error answer, as the app's couch fetch does. */
function deviceNetwork(cookie: string) {
  const pushes: { status: number; refusedRows: number }[] = [];
  const send = fetchWithCookie(cookie);
  const network = {
    online: true,
    pushes,
    fetch: (async (input, init) => {
      if (!network.online) throw new TypeError('fetch failed');
      const res = await send(input, init);
      if (!String(input).includes('/_bulk_docs')) return res;
      const rows = res.status === 201 ? ((await res.clone().json()) as { ok?: boolean; error?: string }[]) : [];
      pushes.push({ status: res.status, refusedRows: rows.filter((row) => !row.ok && row.error !== 'conflict').length });
      if (!res.ok) throw new Error(`_bulk_docs answered ${res.status}`);
      return res;
    }) as typeof fetch,
  };
  return network;
}

/** Ada's device with one ticket, `replies` written while offline, then back online; resolves with what it saw once all arrived. */
async function backFromOffline(replies: number, limits: Partial<ServerConfig>) {
  live = await startServer(2_000, limits);
  const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const network = deviceNetwork(ada.cookie);
  device = await openDevice(live.baseUrl, ada.cookie, ['tickets', 'messages'], network.fetch);
  const ticket = aTicket(ada.user, { id: newId(), customerName: '' });
  await device.tickets!.insert(ticket);
  await waitForDoc(device.tickets!, ticket.id, (doc) => doc.number !== null);
  network.online = false;
  const written = Array.from({ length: replies }, (_, i) => aMessage(ticket, ada.user, { id: newId(), body: `Offline reply ${i}`, createdAt: Date.now() + i }));
  await device.messages!.bulkInsert(written);
  network.pushes.length = 0;
  network.online = true;
  const storage = live.harbor.storage.messages;
  await vi.waitFor(async () => expect(await storage.docCount()).toBe(replies), { timeout: 60_000, interval: 50 });
  const stored = await storage.allDocs({ keys: written.map((m) => m.id) });
  expect(stored.every((row) => 'value' in row && !row.value.deleted)).toBe(true);
  return network.pushes;
}

describe('a backlog of replies pushed on reconnect', () => {
  it('gets 1,000 replies through under the default limit, in batches of 50, without a 429', { timeout: 120_000 }, async () => {
    const pushes = await backFromOffline(1_000, {});
    expect(pushes.filter((push) => push.status !== 201)).toEqual([]);
    expect(pushes.length).toBeGreaterThanOrEqual(20);
    expect(pushes.every((push) => push.refusedRows === 0)).toBe(true);
  });

  it('resumes by itself past a low limit: 429s, then every reply once, none refused', { timeout: 120_000 }, async () => {
    // One batch of 50 per one-second window: the next batch sent within the same second meets a 429.
    const pushes = await backFromOffline(200, { writeLimitPerUser: 50, writeWindowMs: 1_000 });
    expect(pushes.some((push) => push.status === 429)).toBe(true);
    expect(pushes.filter((push) => push.status !== 201 && push.status !== 429)).toEqual([]);
    expect(pushes.every((push) => push.refusedRows === 0)).toBe(true);
  });
});
