/** The UI's browser tests' setup, over the shared e2e/support launchers: the real server and a Chromium profile. */
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signIn, startServer, type RunningServer } from '../e2e/support';
import { DEMO_PASSWORD, DEMO_USERS } from '../sync-server/services/seed-demo';

/** A running server and browser; `close()` ends both. */
export interface Harness {
  baseUrl: string;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** The demo customer with the most tickets. */
export const DEMO_CUSTOMER = { email: DEMO_USERS[0].email, name: DEMO_USERS[0].name, password: DEMO_PASSWORD };

/** Starts the server over the built app (run `npm run build` first) with the demo seed, and a fresh browser. */
export async function startHarness(viewport = { width: 1280, height: 800 }): Promise<Harness> {
  const server = await startServer();
  const browser = await launchBrowser(server.baseUrl, { viewport });
  return {
    baseUrl: server.baseUrl,
    server,
    get context() { return browser.context; },
    get page() { return browser.page; },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Signs in as the demo customer through the login screen and waits for My Tickets with its rows. */
export async function signInAs(page: Page, who = DEMO_CUSTOMER): Promise<void> {
  await signIn(page, who.email, who.password);
  await page.locator('.ticket-row').first().waitFor();
}
