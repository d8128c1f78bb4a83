/**
 * Settings (issue 16), at 1280×800 and 390×844: reached by keyboard from the app bar; the new name shows in the app
 * bar; a wrong current password is said at its field and nothing typed is lost; a good change ends a second
 * device's session and keeps this one; signing out of every device ends both and clears this device's copy.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../sync-server/services/seed-demo';
import { readDeviceCopy } from './support/device-copy';
import { axeViolations, launchBrowser, signIn, signInAsAgent, startServer, type RunningBrowser, type RunningServer } from './support';

const NEW_PASSWORD = 'a-brand-new-password';
const LIVE = { timeout: 30_000 };

/** The status of `GET /api/session` from `page`: 200 while its session lives, 401 once it has ended. */
const sessionStatus = (page: Page) => page.evaluate(() => fetch('/api/session', { credentials: 'include' }).then((r) => r.status));

/** What has keyboard focus: its tag and its accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return `${el?.tagName.toLowerCase()}:${(el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim()}`;
  });

/** How many documents the device's copy holds. */
const held = async (page: Page) => {
  const copy = await readDeviceCopy(page);
  return copy.tickets.length + copy.messageIds.length;
};

describe.each([
  { label: 'desktop', viewport: { width: 1280, height: 800 } },
  { label: 'phone', viewport: { width: 390, height: 844 } },
])('Settings on a $label', ({ label, viewport }) => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let laptop: RunningBrowser;
  beforeAll(async () => {
    server = await startServer();
    [browser, laptop] = await Promise.all([launchBrowser(server.baseUrl, { viewport }), launchBrowser(server.baseUrl, { viewport })]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), laptop?.close()]);
    await server?.close();
  });

  it('is reached by keyboard from the app bar, fits, and is axe clean', async () => {
    const page = browser.page;
    await signIn(page, 'ada@example.com');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let stops = 0;
    while ((await focused(page)) !== 'a:Settings') {
      if (++stops > 12) throw new Error(`Settings is not among the first 12 tab stops (last: ${await focused(page)})`);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');
    await expect.poll(() => page.title()).toBe('Settings · Acme Support');
    // Focus the user put on a link that is still there stays on it (focus-on-navigation.ts), as for the portal's name.
    expect(await focused(page)).toBe('a:Settings');

    const brand = page.locator('.brand-name');
    expect(await brand.textContent()).toBe('Acme Support');
    expect(await brand.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    expect(await page.getByRole('textbox', { name: 'Email' }).count()).toBe(0);
    await page.getByText('ada@example.com', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `e2e/screenshots/${label}-settings.png`, fullPage: true });

    // Offline: what the device knows stays, and every change is disabled with its reason in sight.
    await browser.context.setOffline(true);
    await page.getByText("You're offline.", { exact: false }).waitFor(LIVE);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada Lovelace');
    for (const name of ['Save name', 'Change password', 'Sign out of every device']) {
      expect(await page.getByRole('button', { name }).isDisabled()).toBe(true);
    }
    expect(await page.getByText('Needs a connection to the server.').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await browser.context.setOffline(false);
    await page.getByText("You're offline.", { exact: false }).waitFor({ state: 'detached', ...LIVE });
  });

  it('saves a new name, which the app bar shows at once and after a reload', async () => {
    const page = browser.page;
    await page.getByLabel('Name', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Enter your name.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Ada King');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Your name is saved.').waitFor();
    // On a phone the name is not shown beside the badge, but the bar carries it (its title, for a long one).
    await expect.poll(() => page.locator('.app-bar-user').textContent()).toBe('Ada King');
    // The next reply carries the new name, to the server too, without a reload.
    await page.getByRole('link', { name: 'Acme Support' }).click();
    await page.locator('.ticket-row a').first().click();
    await page.locator('textarea[name="reply"]').fill('Signed with my new name.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Signed with my new name.').waitFor();
    await page.locator('.sync-pending').waitFor({ state: 'detached', ...LIVE });
    const messages = server.harbor.storage.messages;
    const stored = (await messages.allDocs({ includeDocs: true })).map((row) => ('doc' in row ? row.doc : null) as { body?: string; authorName?: string } | null);
    expect(stored.find((doc) => doc?.body === 'Signed with my new name.')?.authorName).toBe('Ada King');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.locator('.app-bar-user').textContent()).toBe('Ada King');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada King');
  });

  it('says a wrong current password at its field, losing nothing typed; a good change ends the other session only', async () => {
    const page = browser.page;
    await signIn(laptop.page, 'ada@example.com');
    expect(await sessionStatus(laptop.page)).toBe(200);

    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    const current = page.getByLabel('Current password');
    await page.getByText('The current password is not right.').waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    expect(await current.inputValue()).toBe('not-my-password');
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe(NEW_PASSWORD);
    expect(await page.getByLabel('Confirm new password').inputValue()).toBe(NEW_PASSWORD);
    expect(await axeViolations(page)).toEqual([]);

    await current.fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed. Your other devices are signed out.').waitFor();
    expect(await sessionStatus(page)).toBe(200);
    expect(await sessionStatus(laptop.page)).toBe(401);
    // The other device is asked to sign in again once its next request meets the ended session.
    await laptop.page.getByText('Your session has ended. Sign in again to keep syncing').waitFor(LIVE);
    // This one keeps syncing: its tickets are there and its session answers.
    await page.getByRole('link', { name: 'Acme Support' }).click();
    await page.locator('.ticket-row').first().waitFor();
  });

  it('signs out of every device after the same confirmation, clearing this device', async () => {
    const page = browser.page;
    await signIn(laptop.page, 'ada@example.com', NEW_PASSWORD);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await held(page)).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Sign out of every device' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out of every device?' });
    await dialog.getByText('Your tickets will be removed from this device.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL('**/login');
    expect(await page.evaluate(() => localStorage.getItem('harbor.user'))).toBeNull();
    expect(await held(page)).toBe(0);
    expect(await sessionStatus(page)).toBe(401);
    expect(await sessionStatus(laptop.page)).toBe(401);
    await laptop.page.getByText('Your session has ended. Sign in again to keep syncing').waitFor(LIVE);
  });

  it("is an agent's too, from the inbox's app bar, with no customer notification choice", async () => {
    const page = browser.page;
    await signInAsAgent(page);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByText('sam@example.com', { exact: true }).waitFor();
    expect(await page.getByRole('switch').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Acme Support' }).click();
    await page.waitForURL('**/agent');
  });
});
