/** (1) The customer's journey online: sign in, filter, page, open a ticket, reply, create a ticket. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDoc, TicketDoc } from '../app/model';
import { signInAgent } from './support';
import { DEMO_CUSTOMER, signInAs, startHarness, type Harness } from '../scripts/e2e-harness';

describe('journey: browse, reply, create', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.close(); });

  it('sends / to /login without a stored user, and /login loads no RxDB code', async () => {
    const { page } = h;
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // The RxDB bundle names itself (rxdb.info links, `rxdb` storage names): no script this page ran may contain it.
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    expect(scripts.length).toBeGreaterThan(0);
    const withRxdb = scripts.filter((path) => readFileSync(`dist${path}`, 'utf8').includes('rxdb'));
    expect(withRxdb).toEqual([]);
  });

  it('signs in, filters by tab and pages through My Tickets', async () => {
    const { page } = h;
    await signInAs(page, DEMO_CUSTOMER);
    await page.goto('/');
    await page.waitForURL('**/tickets');
    await expect.poll(() => page.title()).toMatch(/^My Tickets · \S/);
    await expect.poll(() => page.locator('.ticket-row').count()).toBe(10);
    const total = Number(/of (\d+) tickets/.exec(await page.locator('.pagination-count').innerText())?.[1]);
    expect(total).toBeGreaterThan(10);

    await page.getByRole('tab', { name: /Open/ }).click();
    await page.waitForURL(/tab=open/);
    const openStatuses = await page.locator('.ticket-row .chip-status').allInnerTexts();
    expect(new Set(openStatuses)).toEqual(new Set(['Open', 'Pending']));

    await page.getByRole('tab', { name: /All/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(`11–${total} of ${total} tickets`).waitFor();
    expect(await page.locator('.ticket-row').count()).toBe(total - 10);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText(`1–10 of ${total} tickets`).waitFor();
  });

  it('opens a pending ticket with the keyboard, replies, and the reply reopens it and reaches the server', async () => {
    const { page } = h;
    const row = page.locator('.ticket-row', { has: page.locator('.chip-pending') }).first();
    const subject = await row.locator('.row-link').innerText();
    await row.locator('.row-link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    const ticketId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    await page.getByRole('textbox', { name: /Reply/ }).fill('Thanks!');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.message-card', { hasText: 'Thanks!' }).waitFor();
    await expect.poll(() => page.locator('.ticket-header .chip-status').innerText()).toBe('Open');
    await page.locator('.message-card', { hasText: 'Thanks!' }).getByText('Sent').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByRole('textbox', { name: /Reply/ }).inputValue()).toBe('');

    const agent = await signInAgent(h.baseUrl);
    await expect.poll(async () => {
      const messages = await agent.all<MessageDoc>('messages');
      return messages.filter((m) => m.ticketId === ticketId && m.body === 'Thanks!').length;
    }, { timeout: 20_000 }).toBe(1);
  });

  it('creates a ticket: it opens at once, then gets its TK number from the server', async () => {
    const { page } = h;
    await page.getByRole('link', { name: /Back/ }).click();
    await page.getByRole('link', { name: /New Request/ }).click();
    await page.getByLabel('Subject').fill('Export to PDF loses the logo');
    await page.reload();
    await expect.poll(() => page.getByLabel('Subject').inputValue()).toBe('Export to PDF loses the logo');
    await page.getByLabel(/Description/).fill('Since Monday.');
    await page.getByLabel('Message').fill('When I export the monthly report to PDF the logo is missing.');
    await page.getByRole('button', { name: 'Submit Request' }).click();
    await page.getByRole('heading', { level: 1, name: 'Export to PDF loses the logo' }).waitFor();
    expect(page.url()).toMatch(/\/tickets\/[^/]+$/);
    await page.getByText('When I export the monthly report to PDF the logo is missing.').waitFor();
    await page.locator('.ticket-header .chip-number', { hasText: /^TK-\d+$/ }).waitFor({ timeout: 20_000 });

    const agent = await signInAgent(h.baseUrl);
    const tickets = await agent.all<TicketDoc>('tickets');
    expect(tickets.filter((t) => t.subject === 'Export to PDF loses the logo')).toHaveLength(1);

    await page.getByRole('link', { name: /Back/ }).click();
    await page.getByRole('link', { name: 'Export to PDF loses the logo' }).waitFor();
  });

  it('signs out after confirming, back to the sign-in screen', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/tickets');
    await page.waitForURL('**/login');
  });
});
