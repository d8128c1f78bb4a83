/** The agent inbox with data loaded: axe-core finds no violations, 390 px never scrolls sideways; screenshots saved. */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDoc } from '../app/model';
import { DEMO_PASSWORD } from '../sync-server/services/seed-demo';
import {
  axeViolations, launchBrowser, signInAgent, startServer, type RunningBrowser, type RunningServer,
} from './support';

const SHOTS = resolve('e2e/screenshots');
const LIVE = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let server: RunningServer;
let browser: RunningBrowser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl, { viewport: DESKTOP });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** How far the page is wider than the viewport (0 when nothing scrolls sideways). */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

describe('agent inbox accessibility and layout', () => {
  it('has no axe violations on the inbox and the thread, at 1280 and 390 px, and never scrolls sideways on a phone', async () => {
    const page = browser.page;
    const api = await signInAgent(server.baseUrl);
    const ticket = (await api.all<TicketDoc>('tickets')).find((t) => t.subject.startsWith('Webhook deliveries failing'))!;
    await page.goto('/login');
    await page.getByLabel('Email address').fill('sam@example.com');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/agent');
    await page.locator('.inbox-row').first().waitFor(LIVE);

    const found: Record<string, string[]> = {};
    const wide: Record<string, number> = {};
    const check = async (name: string, viewport: typeof DESKTOP) => {
      const v = await axeViolations(page);
      if (v.length > 0) found[name] = v;
      if (viewport === PHONE && (await sideways(page)) > 0) wide[name] = await sideways(page);
      await page.screenshot({ path: `${SHOTS}/${viewport === PHONE ? 'phone' : 'desktop'}-agent-${name}.png` });
    };

    await page.setViewportSize(DESKTOP);
    await check('inbox', DESKTOP);
    await page.locator('.inbox-row-link', { hasText: ticket.subject }).click();
    await page.locator('.thread .message-body').first().waitFor(LIVE);
    await check('thread', DESKTOP);
    await page.getByRole('button', { name: /^Note/ }).click();
    await page.getByLabel('Note', { exact: true }).fill('Checking the webhook logs before replying.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.bubble-internal, .message-internal').first().waitFor();
    await check('thread-note', DESKTOP);

    await page.setViewportSize(PHONE);
    await check('thread', PHONE);
    await page.getByRole('link', { name: 'Back to inbox' }).click();
    await page.waitForURL('**/agent');
    await page.locator('.inbox-row').first().waitFor();
    await check('inbox', PHONE);

    expect(found).toEqual({});
    expect(wide).toEqual({});
  });
});
