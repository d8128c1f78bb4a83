/** Journey (3): after one visit, the service worker serves the app with the server stopped; the data comes from the device. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  launchBrowser, serviceWorkerReady, signIn, startServer, type RunningBrowser, type RunningServer,
} from './support';

let server: RunningServer;
let browser: RunningBrowser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('service worker', () => {
  it('starts the app and shows the tickets with the server stopped', async () => {
    const page = browser.page;
    await signIn(page, 'ada@example.com');
    const firstSubject = await page.locator('.ticket-row .row-link').first().textContent();
    await serviceWorkerReady(page);

    await server.stop();
    await browser.restart();
    await browser.page.goto('/tickets');
    await browser.page.getByRole('heading', { name: 'My Tickets' }).waitFor();
    await browser.page.locator('.ticket-row .row-link', { hasText: firstSubject! }).click();
    await browser.page.getByRole('heading', { name: firstSubject! }).waitFor();
    await browser.page.goto('/login');
    await browser.page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
