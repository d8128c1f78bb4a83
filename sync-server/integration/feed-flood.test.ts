/**
 * Issue 17: one account floods the server with longpolls, on one session (a stolen cookie) and on several sessions of
 * the user. The server holds no more than the caps, its memory stays flat, and the user's RxDB device keeps syncing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { LIMIT_DEFAULTS } from '../config';
import { couch } from '../routes/db-test-helpers';
import { feedHubFor } from '../services/feed-hub';
import { fetchWithCookie, openDevice, waitForDoc, type Device } from './device';
import { signIn, signUp, startServer, type LiveServer } from './http-session';
import { createFlood, type Flood } from './longpoll-flood';

const ROUNDS = 10;
const PER_ROUND = 200;
/**
 * How much the heap may grow over 2,000 longpolls. Held, they would take some 60 MB (an open feed costs ~30 KB,
 * the capacity bench); what grows here is caches and the 20 messages each flood's sync rounds write (under 1.5 MB).
 */
const FLAT_BYTES = 4 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

let live: LiveServer;
let flood: Flood;
let device: Device | undefined;
beforeEach(async () => {
  // Held longpolls would answer after a minute: none does during the test, so every early answer is a cap's.
  live = await startServer(60_000);
  flood = createFlood(live.baseUrl);
});
afterEach(async () => {
  await device?.close();
  await live.close();
  flood.close();
});

it('holds no more than the caps under thousands of longpolls, stays flat, and the device keeps syncing', { timeout: 180_000 }, async () => {
  const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
  device = await openDevice(live.baseUrl, ada.cookie, ['tickets', 'messages']);
  const ticket = aTicket(ada.user, { id: newId(), customerName: '' });
  await device.tickets!.insert(ticket);
  await waitForDoc(device.tickets!, ticket.id, (doc) => doc.number !== null);
  const hub = feedHubFor(live.harbor.storage)!;

  /** One write each way while the flood goes on: the agent's reply reaches the device, the device's reaches the server. */
  const syncRound = async (n: number): Promise<void> => {
    const fromAgent = aMessage(ticket, sam.user, { id: newId(), body: `agent ${n}`, createdAt: Date.now() });
    const pushed = await fetchWithCookie(sam.cookie)(`${live.baseUrl}/db/messages/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [couch(fromAgent)] }),
    });
    expect(pushed.status).toBe(201);
    await waitForDoc(device!.messages!, fromAgent.id);
    const reply = aMessage(ticket, ada.user, { id: newId(), body: `device ${n}`, createdAt: Date.now() });
    await device!.messages!.insert(reply);
    await vi.waitFor(() => live.harbor.storage.messages.get(reply.id), { timeout: 20_000, interval: 20 });
  };
  /** `ROUNDS` rounds of `PER_ROUND` longpolls with `cookies`, a sync round alongside each; the most feeds held meanwhile. */
  let round = 0;
  const floodWith = async (cookies: string[], held: number, rounds = ROUNDS): Promise<number> => {
    let most = 0;
    const sample = () => void (most = Math.max(most, hub.openCount()));
    for (let r = 0; r < rounds; r++) {
      await Promise.all([flood.send(PER_ROUND, cookies, held, sample), syncRound(round++)]);
      sample();
    }
    return most;
  };

  const { feedLimitPerSession: perSession, feedLimitPerUser: perUser } = LIMIT_DEFAULTS;
  const sessions = await Promise.all([1, 2, 3, 4].map(() => signIn(live.baseUrl, 'ada@example.com')));
  // Warms up what is allocated once (the pool's connections at both ends, compiled code), ending on the one session:
  // its flood ends the others' held feeds first, as the user's oldest.
  await floodWith(sessions, perUser, 2);
  await floodWith([ada.cookie], perSession, 2);
  const before = heapUsed();

  // The device's own session (a stolen cookie): the session, device included, never holds more than its cap.
  const mostOnOne = await floodWith([ada.cookie], perSession);
  const afterOne = heapUsed();

  // Four other sessions of Ada's: each is held to its cap, and all of hers (the device's too) to the user's.
  const mostOnMany = await floodWith(sessions, perUser);
  const afterMany = heapUsed();

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  process.stdout.write(
    `feed flood: ${2 * ROUNDS * PER_ROUND} longpolls; held at most ${mostOnOne} on one session (cap ${perSession}), ` +
      `${mostOnMany} over five (user cap ${perUser}); heap after gc ${mb(before)} → ${mb(afterOne)} → ${mb(afterMany)}\n`,
  );
  expect(mostOnOne).toBeLessThanOrEqual(perSession);
  expect(mostOnMany).toBeLessThanOrEqual(perUser);
  expect(hub.openCount()).toBeLessThanOrEqual(perUser);
  expect(hub.ownerCount()).toBeLessThanOrEqual(sessions.length + 2);
  expect(afterOne - before).toBeLessThan(FLAT_BYTES);
  expect(afterMany - before).toBeLessThan(FLAT_BYTES);
  // Still syncing once the flood is over, and every write of the rounds is on both sides.
  await syncRound(round++);
  await device.inSync();
  expect(await device.messages!.count().exec()).toBe(2 * round);
});
