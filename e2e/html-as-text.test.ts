/** Message bodies and subjects holding HTML or script show as text in the customer's and the agent's screens; no script runs. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMessage } from '../app/model/fixtures';
import { newId } from '../app/model/ids';
import type { TicketDoc } from '../app/model';
import { DEMO_PASSWORD } from '../sync-server/services/seed-demo';
import { launchBrowser, signIn, signInAgent, startServer, type RunningBrowser, type RunningServer } from './support';

const SUBJECT = '<img src=x onerror="window.__xss=1">Subject';
const FIRST = '<script>window.__xss=2</script>First message';
const REPLY = '<img src=x onerror=window.__xss=3><b>bold?</b>';
const AGENT_REPLY = '<svg onload="window.__xss=4"></svg><a href="javascript:window.__xss=5">click</a>';

let server: RunningServer;
let browser: RunningBrowser;
const violations: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  browser.page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectNoMarkup(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], a[href^="javascript:"], script:not([src])').count()).toBe(0);
  expect(await page.locator('b', { hasText: 'bold?' }).count()).toBe(0);
}

describe('HTML in user text shows as text', () => {
  let ticketId: string;

  it("in the customer's new ticket, its thread, a reply and an agent's reply", async () => {
    const { page } = browser;
    await signIn(page, 'ada@example.com');
    await page.getByRole('link', { name: /New Request/ }).click();
    await page.getByLabel('Subject').fill(SUBJECT);
    await page.getByLabel('Message').fill(FIRST);
    await page.getByRole('button', { name: 'Submit Request' }).click();
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    ticketId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByText(FIRST, { exact: true }).waitFor();
    await page.getByRole('textbox', { name: /Reply/ }).fill(REPLY);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(REPLY, { exact: true }).waitFor();

    const agent = await signInAgent(server.baseUrl);
    await expect.poll(async () => (await agent.all<TicketDoc>('tickets')).some((t) => t._id === ticketId), { timeout: 20_000 }).toBe(true);
    const ticket = (await agent.all<TicketDoc>('tickets')).find((t) => t._id === ticketId)!;
    const author = { id: agent.user.id, name: agent.user.name, email: 'sam@example.com', role: 'agent' as const };
    const { id, ...reply } = aMessage({ ...ticket, id: ticketId }, author, { id: newId(), body: AGENT_REPLY, createdAt: Date.now() });
    const answer = await agent.write('messages', [{ _id: id, ...reply }]);
    expect(answer[0]?.ok).toBe(true);
    await page.getByText(AGENT_REPLY, { exact: true }).waitFor({ timeout: 20_000 });
    await expectNoMarkup(page);

    await page.getByRole('link', { name: /Back/ }).click();
    await page.getByRole('link', { name: SUBJECT }).waitFor();
    await expectNoMarkup(page);
  });

  it("in the agent's inbox and thread", async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Email address').fill('sam@example.com');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/agent**');
    await page.getByText(SUBJECT).first().waitFor({ timeout: 20_000 });
    await expectNoMarkup(page);
    await page.goto(`/agent/tickets/${encodeURIComponent(ticketId)}`);
    await page.getByText(AGENT_REPLY, { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.getByText(REPLY, { exact: true }).first().waitFor();
    await page.getByText(SUBJECT).first().waitFor();
    await expectNoMarkup(page);
  });

  it('ran under the Content-Security-Policy without a violation', () => {
    expect(violations).toEqual([]);
  });
});
