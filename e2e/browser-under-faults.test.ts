/**
 * Fault injection with the browser as a device: Chromium (the built app, its service worker, IndexedDB) signs in
 * through the fault proxy, then creates a ticket, replies, resolves and reopens it through the screen while the
 * proxy cuts, stalls and refuses connections at (seeded) random and the LevelDB server process is SIGKILLed and
 * restarted twice; the app is reloaded once while the server is down, and once the tab that syncs is closed and a
 * second tab takes over. A second device of the same customer (RxDB in Node) writes beside it, so the browser also
 * pulls through the faults. Afterwards each reply is on the server once, the numbers are unique, every acknowledged
 * write survived, and the screen and IndexedDB hold exactly what the server holds. HARBOR_FAULTS_SEED replays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../app/model';
import { aMessage, aTicket } from '../app/model/fixtures';
import { openFaultDevice, type FaultDevice } from '../sync-server/faults/fault-device';
import { startFaultProxy, type FaultProxy } from '../sync-server/faults/fault-proxy';
import { faultSeed, seededRandom } from '../sync-server/faults/seeded-random';
import { startServerProcess, type ServerProcess } from '../sync-server/faults/server-process';
import { readServerState, signInOver } from '../sync-server/faults/server-state';
import { createAccount } from '../sync-server/services/accounts';
import { openStorage } from '../sync-server/services/storage';
import { recordAcknowledgedWrites } from './support/acknowledged-writes';
import { launchBrowser, type RunningBrowser } from './support/browser-launcher';
import { readDeviceCopy } from './support/device-copy';
import { serviceWorkerReady, signIn } from './support/sign-in';

const PASSWORD = 'fault-suite-password';
const EMAIL = 'browser@example.com';
/** Replies per wave; the server is killed after each of the first two waves. */
const WAVE = 6;
const WAVES = 3;
const FIRST_MESSAGE = 'Written in the browser while the network misbehaves.';

const seed = faultSeed();
let dataDir: string;
let customer: SessionUser;
let server: ServerProcess;
let proxy: FaultProxy;
let browser: RunningBrowser | undefined;
let companion: FaultDevice | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'harbor-browser-faults-'));
  const storage = await openStorage({ kind: 'leveldb', dataDir });
  try {
    await createAccount(storage, { role: 'agent', email: 'agent@example.com', name: 'Fault Agent', password: PASSWORD });
    customer = await createAccount(storage, { role: 'customer', email: EMAIL, name: 'Browser Customer', password: PASSWORD });
  } finally {
    await storage.close();
  }
  server = await startServerProcess(dataDir);
  // A browser reuses its connections, so it meets fewer new ones than the Node devices: faults strike more often.
  proxy = await startFaultProxy(server.port, seededRandom(seed), { refuse: 0.15, cut: 0.3, stall: 0.15 });
  // The app itself is loaded through the proxy: its origin is the proxy's, which the same-origin check allows.
  browser = await launchBrowser(`http://127.0.0.1:${proxy.port}`);
});

afterAll(async () => {
  await companion?.close();
  await browser?.close();
  await proxy?.close();
  await server?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends one reply through the composer and waits until the thread shows it (written to the device). */
async function reply(page: Page, body: string): Promise<void> {
  await page.locator('textarea[name="reply"]').fill(body);
  // Exactly: a resolved ticket also offers "Send rating".
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.message-body', { hasText: body }).waitFor();
}

/** Marks the open ticket resolved through its confirmation dialog. */
async function markResolved(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Mark as resolved' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark as resolved' }).click();
  await page.locator('.chip-status.chip-resolved').waitFor();
}

/** What the thread shows, for a failure's message: each message's body and delivery, and the sync badge. */
async function describeThread(page: Page): Promise<string> {
  const cards = await page.locator('.message-card').evaluateAll((list) =>
    list.map((card) => `${card.querySelector('.message-body')?.textContent} (${card.querySelector('.delivery')?.textContent ?? 'no delivery'})`),
  );
  return `badge "${await page.locator('.sync-badge').textContent()}"; ${cards.join('; ')}`;
}

/** Waits until the open ticket shows its number and `count` of the user's messages, all sent; returns the number. */
async function threadSettled(page: Page, count: number): Promise<number> {
  const chip = page.locator('.chip-number', { hasText: /^TK-\d+$/ });
  try {
    await chip.waitFor({ timeout: 60_000 });
    await page.locator('.message-own .delivery-sent').nth(count - 1).waitFor({ timeout: 60_000 });
    await page.locator('.delivery-sending, .delivery-failed').first().waitFor({ state: 'detached', timeout: 60_000 });
  } catch (error) {
    throw new Error(`the thread did not settle (seed ${seed}): ${await describeThread(page)}`, { cause: error });
  }
  return Number((await chip.textContent())!.slice(3));
}

it('a browser device loses and doubles nothing through cuts, stalls, refusals and two SIGKILLs', { timeout: 300_000 }, async () => {
  process.stdout.write(`browser fault case seed ${seed} (replay: HARBOR_FAULTS_SEED=${seed})\n`);
  const started = performance.now();
  const { context } = browser!;
  let page = browser!.page;
  const pageErrors: string[] = [];
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  // How many of the browser's own requests the faults broke, so that a run which spared the browser shows it.
  const broken = { pushes: 0, other: 0 };
  context.on('requestfailed', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.endsWith('/_bulk_docs')) broken.pushes++;
    else if (/^\/(?:db|api)\//.test(pathname)) broken.other++;
  });
  await signIn(page, EMAIL, PASSWORD);
  // The app shell is cached before the faults start: the screens' code then comes from the service worker.
  await serviceWorkerReady(page);
  const acknowledged = recordAcknowledgedWrites(context);

  const direct = `http://127.0.0.1:${server.port}`;
  const { cookie } = await signInOver(direct, EMAIL, PASSWORD);
  companion = await openFaultDevice('browser-faults-companion', customer, `http://127.0.0.1:${proxy.port}`, cookie);
  await Promise.all(companion.replications.map((r) => r.awaitInitialReplication()));
  const companionTicket = aTicket(customer, { id: 'companion-ticket', subject: 'Second device under faults', createdAt: Date.now() });
  const companionWritten: string[] = [];

  proxy.setChaos(true);
  await page.getByRole('link', { name: 'New Request' }).click();
  await page.getByLabel('Subject').fill('Printer jams under faults');
  await page.getByLabel('Message').fill(FIRST_MESSAGE);
  await page.getByRole('button', { name: 'Submit Request' }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  const ticketId = new URL(page.url()).pathname.split('/').pop()!;
  await companion.tickets.insert(companionTicket);

  const bodies = [FIRST_MESSAGE];
  const send = async (body: string) => {
    await reply(page, body);
    bodies.push(body);
  };
  for (let wave = 0; wave < WAVES; wave++) {
    // Both devices' writes of this wave are on the wire when the server is killed.
    const pushing = proxy.pushesSeen(2);
    // The first reply after a wave reopens the ticket the wave before resolved.
    for (let r = 0; r < WAVE; r++) {
      await send(`Browser reply ${wave * WAVE + r + 1} (seed ${seed})`);
      const id = `companion-m${wave * WAVE + r}`;
      await companion.messages.insert(aMessage(companionTicket, customer, { id, body: `Companion message ${id}`, createdAt: Date.now() }));
      companionWritten.push(id);
    }
    await markResolved(page);
    if (wave === 1) {
      // The tab that syncs (the leader) is closed with its last writes in flight; a second tab takes over.
      const second = await context.newPage();
      await second.goto(page.url());
      await second.locator('.message-body', { hasText: bodies.at(-1)! }).waitFor();
      await send(`Last words of the first tab (seed ${seed})`);
      await page.close();
      page = second;
    }
    await pushing;
    if (wave === WAVES - 1) break;
    await server.kill();
    if (wave === 0) {
      // The app starts again while the server is down: from its service worker and IndexedDB.
      await page.reload();
      await page.locator('.message-body', { hasText: bodies.at(-1)! }).waitFor();
    }
    await server.restart();
  }
  proxy.setChaos(false);

  const number = await threadSettled(page, bodies.length);
  await page.locator('.sync-pending').waitFor({ state: 'detached', timeout: 60_000 });
  await companion.settle();
  await acknowledged.settled();
  const state = await readServerState(direct, 'agent@example.com', PASSWORD);

  // Every message typed in the browser is on the server exactly once, under one id, and nothing else is there.
  const serverMessages = [...state.messages].filter(([, m]) => m.customerId === customer.id);
  const browserOnServer = serverMessages.filter(([, m]) => bodies.includes(m.body));
  expect(browserOnServer.map(([, m]) => m.body).sort()).toEqual([...bodies].sort());
  expect(serverMessages.map(([id]) => id).sort()).toEqual([...browserOnServer.map(([id]) => id), ...companionWritten].sort());
  // Both tickets numbered, the numbers unique; the browser shows its ticket's number and its last status.
  expect([...state.tickets.keys()].sort()).toEqual([companionTicket.id, ticketId].sort());
  const numbers = [...state.tickets.values()].map((t) => t.number);
  expect(numbers.every((n) => typeof n === 'number')).toBe(true);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(number).toBe(state.tickets.get(ticketId)!.number);
  expect(state.tickets.get(ticketId)!.status).toBe('resolved');
  // Every write the server acknowledged to either device survived the kills.
  const lost = (ids: Iterable<string>) => [...ids].filter((id) => !state.tickets.has(id) && !state.messages.has(id));
  expect(acknowledged.ids.size).toBeGreaterThan(0);
  expect(lost(acknowledged.ids)).toEqual([]);
  expect(lost(companion.acknowledged)).toEqual([]);

  // The browser pulled the other device's writes through the faults: its screen shows them, numbered and sent.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.locator('.ticket-row .row-link', { hasText: companionTicket.subject }).click();
  await threadSettled(page, companionWritten.length);
  // Its IndexedDB holds exactly what the server holds for the customer, and so does the other device.
  const serverTickets = [...state.tickets].map(([id, t]) => `${id}#${t.number}#${t.status}`).sort();
  const serverMessageIds = serverMessages.map(([id]) => id).sort();
  const held = await readDeviceCopy(page);
  expect(held.tickets.map((t) => `${t.id}#${t.number}#${t.status}`).sort()).toEqual(serverTickets);
  expect([...held.messageIds].sort()).toEqual(serverMessageIds);
  expect((await companion.tickets.find().exec()).map((t) => `${t.id}#${t.number}#${t.status}`).sort()).toEqual(serverTickets);
  expect((await companion.messages.find().exec()).map((m) => m.id).sort()).toEqual(serverMessageIds);
  expect(pageErrors).toEqual([]);

  process.stdout.write(
    `browser fault case: ${Math.round(performance.now() - started)} ms, proxy ${JSON.stringify(proxy.stats)}, ` +
      `browser requests broken ${JSON.stringify(broken)}, ${acknowledged.ids.size} acknowledgements read by the browser\n`,
  );
});
