/**
 * Rough edge 3 of issue 16: the portal's logo is kept on the device, so an offline start shows it and it is still
 * there when the network returns; and on a phone the offline badge with unsent writes leaves the portal's name whole.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, serviceWorkerReady, signIn, startServer, type RunningBrowser, type RunningServer } from './support';

let server: RunningServer;
let browser: RunningBrowser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl, { viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The width the logo was decoded at: 0 while it is missing or broken. */
const logoWidth = (page: Page) => page.locator('img.brand-logo').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

it('shows the logo offline and after, and keeps the portal name whole beside "Offline · 1 unsent" on a phone', async () => {
  const page = browser.page;
  await signIn(page, 'ada@example.com');
  await page.locator('.ticket-row').first().waitFor();
  await serviceWorkerReady(page);
  await page.reload(); // now under the service worker, which keeps the logo as it passes
  await expect.poll(() => logoWidth(page)).toBeGreaterThan(0);

  await browser.context.setOffline(true);
  await page.reload();
  await page.locator('.sync-offline').waitFor();
  await expect.poll(() => logoWidth(page)).toBeGreaterThan(0);

  await page.locator('.ticket-row a').first().click();
  await page.locator('textarea[name="reply"]').fill('Written in a basement.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('1 unsent').waitFor();
  const name = page.locator('.brand-name');
  expect(await name.textContent()).toBe('Acme Support');
  expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'e2e/screenshots/phone-offline-badge.png' });

  await browser.context.setOffline(false);
  await page.locator('.sync-pending').waitFor({ state: 'detached', timeout: 60_000 });
  await expect.poll(() => logoWidth(page)).toBeGreaterThan(0);
});
