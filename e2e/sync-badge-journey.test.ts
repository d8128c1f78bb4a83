/**
 * Rough edge 2 of issue 16: the sync badge says "Syncing" only while something moves. Once everything is loaded,
 * the longpolls that renew (every second here) are not syncing: the badge, an aria-live region, stays "Online".
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type RunningBrowser } from './support/browser-launcher';
import { startServer, type RunningServer } from './support/server-launcher';
import { signIn } from './support';

let server: RunningServer;
let browser: RunningBrowser;
beforeAll(async () => {
  server = await startServer({ longpollTimeoutMs: 1_000 });
  browser = await launchBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('stays Online while the live longpolls renew, and says Syncing while a reply goes out', async () => {
  const page = browser.page;
  await signIn(page, 'ada@example.com');
  await page.locator('.ticket-row').first().waitFor();
  await page.locator('.sync-badge', { hasText: 'Online' }).waitFor();

  // Every text the badge shows from now on, as the screen reader would hear it.
  await page.evaluate(() => {
    const badge = document.querySelector('.sync-badge')!;
    const seen: string[] = [];
    (window as unknown as { badgeTexts: string[] }).badgeTexts = seen;
    new MutationObserver(() => seen.push(badge.textContent ?? '')).observe(badge, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // Six renewals answered empty: each collection's longpoll timing out three times.
  let renewals = 0;
  await new Promise<void>((done) => {
    page.on('response', async (response) => {
      if (!response.url().includes('feed=longpoll')) return;
      const body = (await response.json().catch(() => null)) as { results?: unknown[] } | null;
      if (body?.results?.length === 0 && ++renewals === 6) done();
    });
  });
  // A renewal's answer reaches the app a moment after the browser reads it: let the app take in the last one.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  expect(await page.evaluate(() => (window as unknown as { badgeTexts: string[] }).badgeTexts)).toEqual([]);
  expect(await page.locator('.sync-badge').textContent()).toBe('Online');

  // A reply going out is syncing, and the badge says so until the server has it.
  await page.locator('.ticket-row').first().click();
  await page.locator('textarea[name="reply"]').fill('Is there any news on this?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Is there any news on this?').waitFor();
  await page.locator('.sync-pending').waitFor({ state: 'detached' });
  await page.locator('.sync-badge', { hasText: 'Online' }).waitFor();
  const texts = await page.evaluate(() => (window as unknown as { badgeTexts: string[] }).badgeTexts);
  expect(texts.some((text) => text.startsWith('Syncing'))).toBe(true);
  expect(texts.at(-1)).toBe('Online');
});
