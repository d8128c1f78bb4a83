/**
 * One answer cut inside its `Set-Cookie` (a dropped connection, over plain HTTP) does not stop the device syncing:
 * Chromium keeps the cut cookie at that request's directory, and the server must not read it instead of the real one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCookieCuttingProxy, type CookieCuttingProxy } from './support/cookie-cutting-proxy';
import { launchBrowser, signIn, startServer, type RunningBrowser, type RunningServer } from './support';

let server: RunningServer;
let proxy: CookieCuttingProxy;
let browser: RunningBrowser;
beforeAll(async () => {
  server = await startServer();
  proxy = await startCookieCuttingProxy(Number(new URL(server.baseUrl).port));
  browser = await launchBrowser(`http://127.0.0.1:${proxy.port}`);
});
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

it('delivers a reply after an answer of the messages sync was cut inside its session cookie', async () => {
  const page = browser.page;
  await signIn(page, 'ada@example.com');
  await page.locator('.ticket-row .row-link').first().click();
  await page.locator('textarea[name="reply"]').waitFor();

  proxy.cutNextSessionCookie('/db/messages/');
  await page.locator('textarea[name="reply"]').fill('Sent after a cut cookie.');
  await page.getByRole('button', { name: 'Send' }).click();
  // The first ticket's conversation may be a chat (bubbles) or portal/email (cards).
  const reply = page.locator('.message-card, .bubble-row', { hasText: 'Sent after a cut cookie.' });
  await reply.locator('.delivery-sent').waitFor({ timeout: 30_000 });

  expect(proxy.cuts).toBe(1);
  expect(await page.locator('.sync-pending').count()).toBe(0);
  // The stray the cut left at /db/messages was cleared again; the session's own cookie at / stays.
  const cookies = (await browser.context.cookies()).filter((c) => c.name === 'harbor.sid');
  expect(cookies.map((c) => c.path)).toEqual(['/']);
});
