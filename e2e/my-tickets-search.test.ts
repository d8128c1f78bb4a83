/**
 * My Tickets' search, offline, at 1280×800 and 390×844: by subject, by number, by a word only in a message, within
 * the tab, a new search on page 1, the no-match state, the clear button and Esc, the query kept over a reload and
 * Back from a ticket; axe clean with a query typed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, serviceWorkerReady, signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];

const field = (page: Page) => page.getByRole('searchbox', { name: 'Search my tickets' });
const subjects = (page: Page) => page.locator('.ticket-row .row-link').allTextContents();
const tabTexts = (page: Page) => page.getByRole('tab').allTextContents();

/** Types `query` into an empty search field and waits until the URL holds it. */
async function search(page: Page, query: string): Promise<void> {
  await field(page).fill(query);
  await page.waitForURL((url) => url.searchParams.get('q') === query);
}

beforeAll(async () => {
  const { page, context } = journey.browser;
  await signIn(page, 'ada@example.com');
  await page.getByText('1–10 of 15 tickets').waitFor();
  // The newest ticket's last message is on the device, and nothing is left to pull: then the network goes.
  await page.locator('.ticket-row', { hasText: 'Great, keep me posted.' }).waitFor();
  await page.locator('.sync-online').waitFor();
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await page.reload();
  await page.locator('.sync-offline').waitFor();
});

describe.each(VIEWPORTS)('My Tickets search at $width×$height, offline', (viewport) => {
  beforeAll(async () => {
    await journey.browser.page.setViewportSize(viewport);
    await journey.browser.page.goto('/tickets');
    await journey.browser.page.getByText('1–10 of 15 tickets').waitFor();
  });

  it('finds a ticket by its subject, in any case and word order', async () => {
    const page = journey.browser.page;
    await search(page, 'MORNING webhook');
    expect(await subjects(page)).toEqual(['Webhook deliveries failing with 502 since this morning']);
    await page.getByText('1–1 of 1 ticket').waitFor();
  });

  it('finds a ticket by its number as TK-n, tk-n and n', async () => {
    const page = journey.browser.page;
    await search(page, 'CSV export');
    const number = (await page.locator('.ticket-row .chip-number').textContent())!.trim();
    expect(number).toMatch(/^TK-\d+$/);
    for (const query of [number, number.toLowerCase()]) {
      await search(page, query);
      expect(await subjects(page)).toEqual(['CSV export cuts off after 10,000 rows']);
    }
    await search(page, number.slice(3));
    expect(await subjects(page)).toContain('CSV export cuts off after 10,000 rows');
  });

  it('finds a word that is only in a message, never in an internal note', async () => {
    const page = journey.browser.page;
    await search(page, 'bounced');
    expect(await subjects(page)).toEqual(['Scheduled report emails stopped arriving']);
    await search(page, 'ENG-2231'); // the agents' internal note on the CSV export ticket
    await page.getByText('No tickets match “ENG-2231”.').waitFor();
  });

  it('keeps the tab: the result is within the chosen tab and the tab counts are the matches', async () => {
    const page = journey.browser.page;
    await search(page, 'report');
    expect(await tabTexts(page)).toEqual(['All 4', 'Open 3', 'Resolved 1']);
    await page.getByRole('tab', { name: /^Resolved/ }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'resolved' && url.searchParams.get('q') === 'report');
    expect(await subjects(page)).toEqual(['Cannot sign in on the iPad app after the update']);
    await page.getByRole('tab', { name: /^Open/ }).click();
    await page.waitForURL(/tab=open/);
    expect((await subjects(page)).sort()).toEqual([
      'CSV export cuts off after 10,000 rows', 'Reports tab takes a minute to load', 'Scheduled report emails stopped arriving',
    ]);
    await search(page, 'iPad');
    await page.getByText('No open tickets match “iPad”.').waitFor();
    await page.getByRole('tab', { name: /^All/ }).click();
    await page.waitForURL((url) => !url.searchParams.has('tab'));
  });

  it('starts a new search on page 1', async () => {
    const page = journey.browser.page;
    await field(page).fill('');
    await page.getByText('1–10 of 15 tickets').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    await field(page).fill('a');
    await page.waitForURL((url) => url.searchParams.get('q') === 'a' && !url.searchParams.has('page'));
    await page.getByText(/^1–\d+ of \d+ tickets?$/).waitFor();
    await page.getByText(/^Page 1 of/).waitFor();
  });

  it('says so when nothing matches, and clears from there', async () => {
    const page = journey.browser.page;
    await search(page, 'zebra unicorn');
    await page.getByText('No tickets match “zebra unicorn”.').waitFor();
    await page.locator('.empty-search').getByRole('button', { name: 'Clear search' }).click();
    await page.getByText('1–10 of 15 tickets').waitFor();
    await expect.poll(() => field(page).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.waitForURL((url) => !url.searchParams.has('q'));
  });

  it('clears with the clear button reached from the keyboard, and with Esc', async () => {
    const page = journey.browser.page;
    await search(page, 'webhook');
    await field(page).press('Tab');
    const clear = page.locator('.ticket-search').getByRole('button', { name: 'Clear search' });
    expect(await clear.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('1–10 of 15 tickets').waitFor();
    expect(await field(page).inputValue()).toBe('');
    await expect.poll(() => field(page).evaluate((el) => el === document.activeElement)).toBe(true);

    await search(page, 'webhook');
    await field(page).press('Escape');
    await page.getByText('1–10 of 15 tickets').waitFor();
    expect(await field(page).inputValue()).toBe('');
    await page.waitForURL((url) => !url.searchParams.has('q'));
  });

  it('keeps the query over a reload and Back from a ticket', async () => {
    const page = journey.browser.page;
    await search(page, 'bounced');
    await page.reload();
    await page.getByRole('link', { name: 'Scheduled report emails stopped arriving' }).click();
    await page.waitForURL(/\/tickets\/[^/?]+$/);
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === 'bounced');
    await page.getByText('1–1 of 1 ticket').waitFor();
    expect(await field(page).inputValue()).toBe('bounced');
    expect(await subjects(page)).toEqual(['Scheduled report emails stopped arriving']);
  });

  it('is axe clean with a query typed', async () => {
    const page = journey.browser.page;
    await search(page, 'report');
    await page.getByText('1–4 of 4 tickets').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await search(page, 'zebra');
    await page.getByText('No tickets match “zebra”.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
