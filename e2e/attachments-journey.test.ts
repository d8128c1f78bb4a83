/**
 * Attachments in the browser (issue 13): a file attached by the button and one pasted go with a reply; the agent
 * sees the thumbnail live and downloads the file byte for byte; another customer gets a 404 for it and may not
 * name it; a file attached offline is kept through a reload and sent once when the network is back; an SVG with a
 * script downloads and never runs; a file over the limit is refused before sending.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MessageDoc, TicketDoc } from '../app/model';
import { serviceWorkerReady, signIn, signInAgent, signInAsAgent, useCustomerAndAgent } from './support';

const LIVE = { timeout: 30_000 };
// A real 1×1 PNG, so that the thumbnail decodes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const NOTES = 'Steps:\n1. Open the app\n2. It crashes\n';

const journey = useCustomerAndAgent();

/** Pastes a file into the reply box, as a screenshot from the clipboard arrives. */
async function pasteFile(page: Page, name: string, type: string, text: string): Promise<void> {
  await page.locator('textarea[name="reply"]').evaluate((box, file) => {
    const data = new DataTransfer();
    data.items.add(new File([file.text], file.name, { type: file.type }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, { name, type, text });
}

async function messageWithBody(body: string): Promise<MessageDoc> {
  const api = await signInAgent(journey.server.baseUrl);
  const found = (await api.all<MessageDoc>('messages')).filter((m) => m.body === body);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('attachments journey', () => {
  let ticketId: string;
  let notesId: string;

  it('sends files chosen by the button and by paste; the agent sees them live and downloads the file byte for byte', async () => {
    const page = journey.customer.page;
    await signIn(page, 'ada@example.com');
    await page.getByRole('link', { name: 'New Request' }).click();
    await page.getByLabel('Subject').fill('The app crashes at start');
    await page.getByLabel('Message').fill('It crashes right away, see the screenshot.');
    await page.locator('input[type="file"]').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('list', { name: 'Files to send' }).getByText('screen.png').waitFor();
    await page.getByRole('button', { name: 'Submit Request' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    ticketId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('img', { name: 'screen.png' }).waitFor();
    await page.locator('.sync-pending').waitFor({ state: 'detached', timeout: 60_000 });

    const agentPage = journey.agent.page;
    await signInAsAgent(agentPage);
    await agentPage.goto(`/agent/tickets/${ticketId}`);
    // The image decoded from the bytes the agent's device fetched.
    const thumbnail = agentPage.getByRole('img', { name: 'screen.png' });
    await thumbnail.waitFor(LIVE);
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    // A reply with a pasted file: live on the agent's open thread.
    await pasteFile(page, 'notes.txt', 'text/plain', NOTES);
    await page.getByRole('list', { name: 'Files to send' }).getByText('notes.txt').waitFor();
    await page.locator('textarea[name="reply"]').fill('My notes.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: /^Download notes\.txt/ }).waitFor();
    const row = agentPage.getByRole('button', { name: /^Download notes\.txt/ });
    await row.waitFor(LIVE);
    const [download] = await Promise.all([agentPage.waitForEvent('download'), row.click()]);
    expect(download.suggestedFilename()).toBe('notes.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(NOTES);
    expect(agentPage.url()).toContain(`/agent/tickets/${ticketId}`);

    const message = await messageWithBody('My notes.');
    expect(message.attachments!.map((file) => file.name)).toEqual(['notes.txt']);
    notesId = message.attachments![0]!.id;
    expect(await (await (await signInAgent(journey.server.baseUrl)).get(`/api/attachments/${notesId}`)).text()).toBe(NOTES);
  });

  it('answers another customer 404 for the file, and refuses a message of hers that names it', async () => {
    const grace = await signInAgent(journey.server.baseUrl, 'grace@example.com');
    expect((await grace.get(`/api/attachments/${notesId}`)).status).toBe(404);
    const hers = (await grace.all<TicketDoc>('tickets'))[0]!;
    const file = (await messageWithBody('My notes.')).attachments![0]!;
    const [row] = await grace.write('messages', [{
      _id: crypto.randomUUID(), schemaVersion: 2, ticketId: hers._id, customerId: hers.customerId, conversationId: hers._id,
      channel: 'portal', visibility: 'public', authorRole: 'customer', authorId: grace.user.id, authorName: grace.user.name,
      body: 'Is this mine?', createdAt: Date.now(), attachments: [file],
    }]);
    expect(row).toMatchObject({ error: 'forbidden' });
  });

  it('keeps a file chosen offline through a reload, before and after Send, and sends it, then its reply, once the network is back', async () => {
    const page = journey.customer.page;
    await serviceWorkerReady(page);
    await journey.customer.context.setOffline(true);
    await page.locator('input[type="file"]').setInputFiles({ name: 'offline.log', mimeType: 'text/plain', buffer: Buffer.from('written on a train\n') });
    await page.locator('textarea[name="reply"]').fill('The log from the train.');
    // Chosen and not sent yet: the file and the text are a draft, and both survive a reload.
    await page.getByRole('list', { name: 'Files to send' }).getByText('offline.log').waitFor();
    await page.reload();
    await page.getByRole('list', { name: 'Files to send' }).getByText('offline.log').waitFor();
    expect(await page.locator('textarea[name="reply"]').inputValue()).toBe('The log from the train.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Files to send' }).count()).toBe(0);
    await page.getByText('Waiting for network').first().waitFor();
    await page.reload();
    await page.getByText('The log from the train.').waitFor();
    // Kept on the device: it downloads with no network.
    const [offlineCopy] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download offline\.log/ }).click()]);
    expect(readFileSync((await offlineCopy.path())!, 'utf8')).toBe('written on a train\n');

    await journey.customer.context.setOffline(false);
    await page.locator('.sync-pending').waitFor({ state: 'detached', timeout: 60_000 });
    const message = await messageWithBody('The log from the train.');
    const served = await (await signInAgent(journey.server.baseUrl)).get(`/api/attachments/${message.attachments![0]!.id}`);
    expect([served.status, await served.text()]).toEqual([200, 'written on a train\n']);
  });

  it('downloads an SVG with a script instead of running it, and refuses a file over the limit before sending', async () => {
    const page = journey.customer.page;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("ran");window.top.pwned=1</script></svg>';
    await page.locator('input[type="file"]').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await page.locator('textarea[name="reply"]').fill('Our logo.');
    await page.getByRole('button', { name: 'Send' }).click();
    const row = page.getByRole('button', { name: /^Download logo\.svg/ });
    await row.waitFor();
    await page.locator('.sync-pending').waitFor({ state: 'detached', timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), row.click()]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(svg);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(page.url()).toContain(`/tickets/${ticketId}`);

    // A file on disk goes to Chromium by its path; a 25 MB buffer would cross the DevTools pipe as base64, which
    // took over a minute when two browsers ran at once.
    const hugeDir = mkdtempSync(join(tmpdir(), 'harbor-huge-'));
    const huge = join(hugeDir, 'huge.bin');
    writeFileSync(huge, '');
    truncateSync(huge, 25 * 1024 * 1024 + 1);
    try {
      await page.locator('input[type="file"]').setInputFiles(huge);
      await page.getByText('“huge.bin” is 25 MB: a file can be at most 25 MB.').waitFor();
    } finally {
      rmSync(hugeDir, { recursive: true, force: true });
    }
    expect(await page.getByRole('list', { name: 'Files to send' }).count()).toBe(0);
  });

  it('fits a thread with files on a phone: thumbnails and rows stay inside their card, a long name wraps', async () => {
    const page = journey.customer.page;
    const longName = 'quarterly-invoice-for-the-northern-region-warehouse-and-shipping-department-2026.pdf';
    await page.locator('input[type="file"]').setInputFiles({ name: longName, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 invoice') });
    await page.locator('textarea[name="reply"]').fill('The invoice.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: `Download ${longName} (16 bytes)` }).waitFor();
    for (const [who, view, path] of [['customer', page, `/tickets/${ticketId}`], ['agent', journey.agent.page, `/agent/tickets/${ticketId}`]] as const) {
      await view.setViewportSize({ width: 390, height: 844 });
      await view.goto(path);
      await view.getByRole('button', { name: `Download ${longName} (16 bytes)` }).waitFor(LIVE);
      // Older cards are folded to "1 file attached": open them all, so every file shows.
      for (const folded of await view.locator('[aria-expanded="false"]').all()) await folded.click();
      await view.getByRole('img', { name: 'screen.png' }).first().waitFor(LIVE);
      const outside = await view.evaluate(() => {
        const problems: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
        for (const item of document.querySelectorAll('.attachment-thumb, .attachment-file')) {
          const holder = item.closest('.attachments')!.parentElement!.getBoundingClientRect();
          const box = item.getBoundingClientRect();
          if (box.left < holder.left - 0.5 || box.right > holder.right + 0.5) problems.push(`${item.getAttribute('aria-label')} is outside its message`);
        }
        return problems;
      });
      expect(outside, who).toEqual([]);
      await view.screenshot({ path: `e2e/screenshots/phone-${who}-thread-attachments.png`, fullPage: true });
      await view.setViewportSize({ width: 1280, height: 800 });
    }

    // A chat started by the agent on a phone, its first message carrying a file: the bubble holds it.
    const agentPage = journey.agent.page;
    await agentPage.setViewportSize({ width: 390, height: 844 });
    await agentPage.getByRole('button', { name: '+ Chat' }).click();
    await agentPage.locator('input[type="file"]').first().setInputFiles({ name: 'return-label.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 label') });
    await agentPage.getByRole('list', { name: 'Files to send' }).getByText('return-label.pdf').waitFor();
    await agentPage.locator('textarea').first().fill('Here is your return label.');
    await agentPage.getByRole('button', { name: 'Send' }).click();
    const inBubble = agentPage.locator('.bubble').getByRole('button', { name: 'Download return-label.pdf (14 bytes)' });
    await inBubble.waitFor();
    const holder = agentPage.locator('.bubble').filter({ has: agentPage.getByRole('button', { name: 'Download return-label.pdf (14 bytes)' }) });
    const [bubble, row] = await Promise.all([holder.boundingBox(), inBubble.boundingBox()]);
    expect(row!.x).toBeGreaterThanOrEqual(bubble!.x);
    expect(row!.x + row!.width).toBeLessThanOrEqual(bubble!.x + bubble!.width + 0.5);
    expect(await agentPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await agentPage.screenshot({ path: 'e2e/screenshots/phone-agent-chat-attachments.png', fullPage: true });
    await agentPage.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Download return-label.pdf (14 bytes)' }).waitFor(LIVE);
  });

  it('removes every kept file from the device on sign-out', async () => {
    const page = journey.customer.page;
    const filesDatabases = () => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name).filter((name) => name?.endsWith('-files')));
    expect(await filesDatabases()).toHaveLength(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    expect(await filesDatabases()).toEqual([]);
  });
});
