/**
 * The server's write limit seen from the app: a push answered 429 is sent again by RxDB's replication after its
 * retry pause, never recorded as a refused write; the user sees replies sending, then sent, and no failure.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fetchWithCookie } from '../../../../sync-server/integration/device';
import { signUp, startServer, type LiveServer } from '../../../../sync-server/integration/http-session';
import { openTestPortal, until, type OpenedPortal } from '../../testing/portal-fixture';

let live: LiveServer;
let portal: OpenedPortal | undefined;
beforeEach(async () => {
  // Three documents per four seconds: the ticket and its first message pass, the first reply too, the next waits.
  live = await startServer(2_000, { writeLimitPerUser: 3, writeWindowMs: 4_000 });
});
afterEach(async () => {
  await portal?.close();
  portal = undefined;
  await live.close();
});

it('sends replies refused with 429 again by itself: all sent, none failed', { timeout: 30_000 }, async () => {
  const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const statuses: number[] = [];
  const send = fetchWithCookie(ada.cookie);
  const recording: typeof fetch = async (input, init) => {
    const res = await send(input, init);
    if (String(input).includes('/_bulk_docs')) statuses.push(res.status);
    return res;
  };
  portal = await openTestPortal(ada.user, { replication: { origin: live.baseUrl, fetch: recording, retryTime: 200 } });
  const { data, session } = portal;

  const id = await data.createTicket({ subject: 'Printer jams', description: '', message: 'It jams on every page.' });
  await until(portal.within(() => data.ticket(id)), (t) => typeof t?.number === 'number');
  await until(data.sync, (s) => s.pendingWrites === 0);
  const messages = portal.within(() => data.messages(id));
  const reply = (body: string) => data.reply({ ticketId: id, conversationId: id, channel: 'portal', body });
  await reply('First reply');
  await until(messages, (list) => list?.find((m) => m.body === 'First reply')?.delivery.state === 'sent');
  expect(statuses).not.toContain(429);
  // The limit is spent now: these two meet a 429 until the window has passed.
  await reply('Second reply');
  await reply('Third reply');
  const sent = await until(messages, (list) => list?.length === 4 && list.every((m) => m.delivery.state === 'sent'), 20_000);
  expect(sent?.map((m) => m.body)).toEqual(['It jams on every page.', 'First reply', 'Second reply', 'Third reply']);
  expect(statuses).toContain(429);
  expect(Object.values(session.outbox.entries()).filter((entry) => entry.state === 'failed')).toEqual([]);
  await until(data.sync, (s) => s.pendingWrites === 0);
});
