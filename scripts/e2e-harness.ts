/**
 * A minimal launcher for the UI's browser tests: the real server (createApp over memory storage with the demo
 * seed, serving dist/) on 127.0.0.1:0, and Chromium in a persistent context. Stands in until e2e/support grows one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApp, type HarborApp } from '../sync-server/app';
import { testConfig } from '../sync-server/config';
import { createLogger } from '../sync-server/logger';
import { DEMO_PASSWORD, DEMO_USERS } from '../sync-server/services/seed-demo';

/** The Chromium flags every browser test uses on this machine. */
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A running server and browser; `close()` ends both. */
export interface Harness {
  baseUrl: string;
  harbor: HarborApp;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** The demo customer with the most tickets. */
export const DEMO_CUSTOMER = { email: DEMO_USERS[0].email, name: DEMO_USERS[0].name, password: DEMO_PASSWORD };

/** Starts the server over the built app (run `vite build` first) and a fresh Chromium profile. */
export async function startHarness(viewport = { width: 1280, height: 800 }): Promise<Harness> {
  const harbor = await createApp(
    testConfig({ distDir: resolve('dist'), seedDemo: true, portalName: 'Harbor Support', portalPrimaryColor: '#4f46e5' }),
    { logger: createLogger({ silent: true }) },
  );
  const server: Server = await new Promise((ok) => {
    const s = harbor.app.listen(0, '127.0.0.1', () => ok(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'harbor-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport,
    baseURL: baseUrl,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    baseUrl, harbor, context, page,
    async close() {
      await context.close();
      server.closeAllConnections();
      await new Promise((ok) => server.close(() => ok(undefined)));
      await harbor.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login screen and waits for My Tickets with its rows. */
export async function signInAs(page: Page, who = DEMO_CUSTOMER): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/tickets');
  await page.locator('.ticket-row').first().waitFor();
}
