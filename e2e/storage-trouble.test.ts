/** Storage trouble in the browser: IndexedDB unavailable gets a clear message, never a blank screen, and nothing saved is lost. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn, startServer, type RunningBrowser, type RunningServer } from './support';

let server: RunningServer;
let browser: RunningBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  // The fault is switched by localStorage, so it holds across reloads: 'no-idb' makes indexedDB.open throw as a
  // browser with storage blocked does.
  await browser.context.addInitScript(() => {
    const fault = () => localStorage.getItem('harbor-test-storage-fault');
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      if (fault() === 'no-idb') throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      return open.apply(this, args);
    };
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const setFault = (fault: string) => browser.page.evaluate((f) => localStorage.setItem('harbor-test-storage-fault', f), fault);

describe('storage trouble', () => {

  it('IndexedDB unavailable: a clear message instead of a blank screen; once allowed again, everything is there', async () => {
    const { page } = browser;
    await signIn(page, 'ada@example.com');
    await page.locator('.ticket-row').first().waitFor();
    const subject = await page.locator('.ticket-row .row-link').first().innerText();
    await setFault('no-idb');
    await page.goto('/tickets');
    const alert = page.getByRole('alert').filter({ hasText: 'This browser is not letting the portal store data' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/allow site data|normal window/);

    await setFault('none');
    await page.reload();
    await page.getByRole('link', { name: subject }).waitFor();
  });
});
