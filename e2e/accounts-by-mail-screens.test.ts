/**
 * The accounts-by-mail screens in Chromium, their routes stubbed with playwright's `page.route` so that each state
 * shows on demand (mail on with no SMTP server, a used link, mail off): forgot password, a reset link that signs in,
 * a used link, the agent's Customers screen, and axe-core on each at 1280 and 390 px. The same screens over the real
 * server and real mail are `accounts-by-mail-journey.test.ts`. Service workers are blocked so every request meets the stubs.
 */
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../sync-server/services/seed-demo';
import { axeViolations, CHROMIUM_ARGS, startServer, type RunningServer } from './support';

const CUSTOMER = DEMO_USERS[0];
const WIDTHS = [1280, 390];

/** `GET /api/portal` as the real server answers it, but with mail on, so "Forgot password?" shows. */
async function portalWithMail(route: Route) {
  const response = await route.fetch();
  await route.fulfill({ response, json: { ...(await response.json()), mailOutbound: true } });
}

/** Answers a set-password request by signing the demo customer in for real, so the app opens with a session cookie. */
async function signInInstead(route: Route, baseUrl: string) {
  const response = await route.fetch({
    url: `${baseUrl}/api/session`, method: 'POST', headers: { 'content-type': 'application/json' },
    postData: JSON.stringify({ email: CUSTOMER.email, password: DEMO_PASSWORD }),
  });
  await route.fulfill({ response });
}

/** Fails with axe's findings on the page as it is, at each width. */
async function expectAxeCleanAtEachWidth(page: Page, screenName: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    const violations = await axeViolations(page);
    expect(violations, `${screenName} at ${width} px`).toEqual([]);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(sideways, `${screenName} scrolls sideways at ${width} px`).toBe(false);
    const file = `${width < 500 ? 'phone' : 'desktop'}-${screenName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.png`;
    await page.screenshot({ path: `e2e/screenshots/${file}`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 844 });
}

describe('accounts by mail: the screens over stubbed routes', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ baseURL: server.baseUrl, serviceWorkers: 'block', viewport: { width: 1280, height: 844 } });
    page = await context.newPage();
    await page.route('**/api/portal', portalWithMail);
  });
  afterEach(async () => { await context?.close(); });

  it('forgot password: from the sign-in page to the same "if an account exists" words', async () => {
    let asked: unknown = null;
    await page.route('**/api/password-reset', async (route) => {
      asked = route.request().postDataJSON();
      await route.fulfill({ status: 202, json: { ok: true } });
    });
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectAxeCleanAtEachWidth(page, '/forgot-password');
    await page.getByLabel('Email address').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByText(
      "If an account exists for nobody@example.com, we've sent a link to reset its password. It works for one hour.",
    ).waitFor();
    expect(asked).toEqual({ email: 'nobody@example.com' });
    await expectAxeCleanAtEachWidth(page, '/forgot-password (sent)');
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.waitForURL('**/login');
  });

  it('a reset link: the token leaves the URL, and a new password signs in on My Tickets', async () => {
    let sent: unknown = null;
    await page.route('**/api/password-reset/confirm', async (route) => {
      sent = route.request().postDataJSON();
      await signInInstead(route, server.baseUrl);
    });
    await page.goto('/reset-password#token=tok-123');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => location.href)).not.toContain('tok-123');
    await expectAxeCleanAtEachWidth(page, '/reset-password');
    await page.getByLabel('New password', { exact: true }).fill('a-new-password');
    await page.getByLabel('Confirm new password').fill('a-new-password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL('**/tickets');
    await page.getByRole('heading', { name: 'My Tickets' }).waitFor();
    await page.locator('.ticket-row').first().waitFor();
    expect(sent).toEqual({ token: 'tok-123', password: 'a-new-password' });
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('harbor.user') ?? 'null')?.email)).toBe(CUSTOMER.email);
    await page.goBack();
    expect(page.url()).not.toContain('tok-123');
  });

  it('a used reset link says so in words and offers a new one; a link without a token says it is not complete', async () => {
    await page.route('**/api/password-reset/confirm', (route) => route.fulfill({
      status: 410, json: { error: 'link_used', reason: 'This link has already been used. Ask for a new one.' },
    }));
    await page.goto('/reset-password#token=used-1');
    await page.getByLabel('New password', { exact: true }).fill('a-new-password');
    await page.getByLabel('Confirm new password').fill('a-new-password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('This link has already been used. Ask for a new one.').waitFor();
    await expectAxeCleanAtEachWidth(page, '/reset-password (used)');
    await page.getByRole('link', { name: 'Send a new link' }).click();
    await page.waitForURL('**/forgot-password');

    await page.goto('/invitation');
    await page.getByText('This link is not complete. Open it again from the email.').waitFor();
    await expectAxeCleanAtEachWidth(page, '/invitation (no token)');
    await page.goto('/invitation#token=inv-1');
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await expectAxeCleanAtEachWidth(page, '/invitation');
  });

  it("the agent's Customers screen: reached from the inbox, searched, invitations sent; axe-clean with mail on and off", async () => {
    const customers = [
      { id: 'c-1', name: 'Ada Lovelace', email: 'ada@example.com', hasPassword: true, invitation: null },
      { id: 'c-2', name: 'Nora Quinn', email: 'nora.quinn.with-a-long-address@example.com', hasPassword: false, invitation: null },
    ];
    await page.route('**/api/customers?*', (route) => {
      const q = new URL(route.request().url()).searchParams.get('q') ?? '';
      const found = customers.filter((c) => `${c.name} ${c.email}`.toLowerCase().includes(q.toLowerCase()));
      return route.fulfill({ json: { customers: found, total: found.length } });
    });
    await page.route('**/api/customers/c-2/invitation', (route) => route.fulfill({
      status: 202, json: { invitation: { sentAt: new Date().toISOString(), expiresAt: '2099-01-08T10:00:00.000Z' } },
    }));
    await page.goto('/login');
    await page.getByLabel('Email address').fill('sam@example.com');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/agent');
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.waitForURL('**/agent/customers');
    await page.getByText('Nora Quinn').waitFor();
    await expectAxeCleanAtEachWidth(page, '/agent/customers');
    await page.getByLabel('Search customers').fill('nora');
    await page.getByText('Ada Lovelace').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Send invitation to Nora Quinn' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitation sent to' }).waitFor();
    await page.getByText('Invited · expires Jan 8, 2099').waitFor();
    await expectAxeCleanAtEachWidth(page, '/agent/customers (invited)');

    await page.unroute('**/api/portal');
    await page.route('**/api/portal', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), mailOutbound: false } });
    });
    await page.reload();
    await page.getByText('Email is not set up, so invitations cannot be sent.').waitFor();
    expect(await page.getByRole('button', { name: 'Send invitation to Nora Quinn' }).isDisabled()).toBe(true);
    await expectAxeCleanAtEachWidth(page, '/agent/customers (mail off)');
  });
});
