/**
 * A device out of storage space (a real QuotaExceededError from Chromium): each write says so where the user
 * acted and keeps what they typed, nothing stored is lost, nothing shows as unsent; with room again it all syncs.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDoc, TicketDoc } from '../app/model';
import { DEMO_PASSWORD } from '../sync-server/services/seed-demo';
import { signIn, signInAgent, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();
const FULL = /^This device is out of storage space, so /;
let giveRoomLeft: (() => Promise<void>) | null = null;
afterEach(async () => {
  await giveRoomLeft?.(); // a failed test must not leave the next one on a full device
  giveRoomLeft = null;
});

/**
 * Starts the browser again with the portal's quota at what it already uses, and returns the way to give it room.
 * A restart, because Chromium's IndexedDB trusts the free space it last saw for about 30 s while the origin's
 * databases are open; a fresh browser asks the (overridden) quota at its first write.
 */
async function restartWithDeviceFull(): Promise<{ page: Page; giveRoom(): Promise<void> }> {
  await journey.browser.restart();
  const page = journey.browser.page;
  await page.goto('about:blank');
  const cdp = await journey.browser.context.newCDPSession(page);
  const origin = journey.server.baseUrl;
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
  giveRoomLeft = async () => void (await cdp.send('Storage.overrideQuotaForOrigin', { origin }));
  return { page, giveRoom: giveRoomLeft };
}

/** What Chromium answers to one small IndexedDB write on `page` (a scratch database): a real full device refuses it. */
function probeWrite(page: Page): Promise<string> {
  return page.evaluate(() => new Promise<string>((answer) => {
    const open = indexedDB.open('harbor-test-quota-probe');
    open.onupgradeneeded = () => open.result.createObjectStore('probe');
    open.onerror = () => answer(open.error?.name ?? 'open failed');
    open.onsuccess = () => {
      const tx = open.result.transaction('probe', 'readwrite');
      tx.objectStore('probe').put('a few bytes', 'key');
      tx.oncomplete = () => { open.result.close(); answer('written'); };
      tx.onabort = () => { open.result.close(); answer(tx.error?.name ?? 'aborted'); };
    };
  }));
}

/** Waits until the sync badge shows nothing unsent. */
const nothingUnsent = (page: Page) => page.locator('.sync-pending').waitFor({ state: 'detached', timeout: 60_000 });

describe('a device out of storage space', () => {
  it('customer: a reply and a new request say so where typed and keep the text; with room again they are sent', async () => {
    await signIn(journey.browser.page, 'ada@example.com');
    const list = journey.browser.page.locator('.ticket-row');
    await list.first().waitFor();
    const ticketCount = await list.count(); // the first page's
    const subjects = await list.locator('.row-link').allInnerTexts();
    await list.first().locator('.row-link').click();
    await journey.browser.page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const ticketUrl = journey.browser.page.url();
    await journey.browser.page.locator('.messages-card .message-body').first().waitFor();
    const messageCount = await journey.browser.page.locator('.messages-card .message-body').count();
    expect(messageCount).toBeGreaterThan(0);

    const { page, giveRoom } = await restartWithDeviceFull();
    const rows = page.locator('.ticket-row');
    await page.goto(ticketUrl);
    await page.locator('.messages-card .message-body').nth(messageCount - 1).waitFor();
    expect(await probeWrite(page)).toBe('QuotaExceededError');
    const reply = 'Written while the phone had no space left.';
    await page.locator('textarea[name="reply"]').fill(reply);
    await page.getByRole('button', { name: 'Send' }).click();
    const composerError = page.locator('.composer').getByRole('alert');
    expect(await composerError.innerText()).toMatch(FULL);
    expect(await composerError.innerText()).toContain('your reply was not saved. What you wrote is still here');
    expect(await page.locator('textarea[name="reply"]').inputValue()).toBe(reply);
    expect(await page.getByText(reply, { exact: true }).count()).toBe(0);
    expect(await page.locator('.sync-pending').count()).toBe(0);

    await page.goto('/tickets/new');
    await page.getByLabel('Subject').fill('Scanner stopped sending');
    await page.getByLabel('Message').fill('Also written while the phone had no space left.');
    await page.getByRole('button', { name: 'Submit Request' }).click();
    const formError = page.locator('.form-error[role="alert"]');
    expect(await formError.innerText()).toMatch(/^This device is out of storage space, so your request was not saved\./);
    expect(page.url()).toMatch(/\/tickets\/new$/);
    expect(await page.getByLabel('Subject').inputValue()).toBe('Scanner stopped sending');
    expect(await page.locator('.sync-pending').count()).toBe(0);

    // Nothing already stored is lost: a reload on the full device shows every ticket and message.
    await page.goto('/tickets');
    await rows.nth(ticketCount - 1).waitFor();
    expect(await rows.locator('.row-link').allInnerTexts()).toEqual(subjects);
    await page.goto(ticketUrl);
    await page.locator('.messages-card .message-body').nth(messageCount - 1).waitFor();
    expect(await page.locator('.messages-card .message-body').count()).toBe(messageCount); // the reply is not among them
    expect(await page.locator('textarea[name="reply"]').inputValue()).toBe(reply);

    await giveRoom();
    expect(await probeWrite(page)).toBe('written');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(reply, { exact: true }).waitFor();
    expect(await page.locator('textarea[name="reply"]').inputValue()).toBe('');
    await page.goto('/tickets/new');
    expect(await page.getByLabel('Message').inputValue()).toBe('Also written while the phone had no space left.');
    await page.getByRole('button', { name: 'Submit Request' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    await page.locator('.chip-number', { hasText: /^TK-\d+$/ }).waitFor({ timeout: 60_000 });
    await nothingUnsent(page);

    const agent = await signInAgent(journey.server.baseUrl);
    expect((await agent.all<MessageDoc>('messages')).filter((m) => m.body === reply)).toHaveLength(1);
    expect((await agent.all<TicketDoc>('tickets')).filter((t) => t.subject === 'Scanner stopped sending')).toHaveLength(1);
    await page.goto('/tickets');
    await page.getByRole('link', { name: 'Scanner stopped sending' }).waitFor();
  });

  it('agent: a reply, a note and a status change say so where made; with room again they are sent', async () => {
    const api = await signInAgent(journey.server.baseUrl);
    const ticket = (await api.all<TicketDoc>('tickets')).find((t) => t.subject === 'Team member cannot accept the invitation link')!;
    const first = journey.browser.page;
    await first.goto('/login');
    await first.getByLabel('Email address').fill('sam@example.com');
    await first.getByLabel('Password').fill(DEMO_PASSWORD);
    await first.getByRole('button', { name: 'Sign in' }).click();
    await first.waitForURL('**/agent');
    await first.locator('.inbox-row-link', { hasText: ticket.subject }).click();
    await first.getByRole('heading', { level: 2, name: ticket.subject }).waitFor();
    await nothingUnsent(first);

    const { page, giveRoom } = await restartWithDeviceFull();
    await page.goto(`/agent/tickets/${ticket._id}`);
    await page.getByRole('heading', { level: 2, name: ticket.subject }).waitFor();
    expect(await probeWrite(page)).toBe('QuotaExceededError');
    const status = page.locator('.ticket-controls').getByLabel('Status');
    const statusBefore = await status.inputValue();
    const replyBox = page.getByLabel(`Reply to ${ticket.customerName}`);
    await replyBox.fill('Looking into it now.');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await page.locator('.composer').getByRole('alert').innerText()).toMatch(/so your reply was not saved\. What you wrote is still here/);
    expect(await replyBox.inputValue()).toBe('Looking into it now.');

    await page.getByRole('button', { name: /^Note/ }).click();
    await page.getByLabel('Note', { exact: true }).fill('Checked the invitation logs.');
    await page.getByRole('button', { name: 'Add note' }).click();
    expect(await page.locator('.composer').getByRole('alert').innerText()).toMatch(/so your note was not saved\./);

    const nextStatus = statusBefore === 'pending' ? 'open' : 'pending';
    await status.selectOption(nextStatus);
    expect(await page.locator('.ticket-controls').getByRole('alert').innerText())
      .toMatch(/^This device is out of storage space, so the status was not changed\./);
    expect(await status.inputValue()).toBe(statusBefore);
    expect(await page.locator('.sync-pending').count()).toBe(0);

    await giveRoom();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Checked the invitation logs.', { exact: true }).waitFor();
    await page.getByRole('button', { name: /^Reply/ }).click();
    expect(await replyBox.inputValue()).toBe('Looking into it now.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Looking into it now.', { exact: true }).waitFor();
    await status.selectOption(nextStatus);
    expect(await page.locator('.ticket-controls').getByRole('alert').count()).toBe(0);
    await nothingUnsent(page);

    const messages = (await api.all<MessageDoc>('messages')).filter((m) => m.ticketId === ticket._id);
    expect(messages.filter((m) => m.body === 'Looking into it now.')).toHaveLength(1);
    expect(messages.filter((m) => m.body === 'Checked the invitation logs.' && m.visibility === 'internal')).toHaveLength(1);
    await expect.poll(async () => (await api.all<TicketDoc>('tickets')).find((t) => t._id === ticket._id)?.status).toBe(nextStatus);
  });
});
