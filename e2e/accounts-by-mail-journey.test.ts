/**
 * Accounts by mail in Chromium over the real server, the links read from the mail a real SMTP server (the capture
 * server) received: an agent adds and invites a customer who sets a password from the mail and lands signed in; a
 * customer who forgot her password resets it from the mail, her other session ends, and each link works once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkOf } from '../sync-server/mail/account-mail-test-kit';
import { parseMailConfig } from '../sync-server/mail/mail-config';
import { DEMO_PASSWORD } from '../sync-server/services/seed-demo';
import type { CapturedMail } from '../sync-server/test-support/capture-smtp';
import { startCaptureSmtp, type CaptureSmtp } from '../sync-server/test-support/capture-smtp';
import { launchBrowser, signInAgent, signInAsAgent, startServer, type RunningBrowser, type RunningServer } from './support';

const LIVE = { timeout: 30_000 };

let smtp: CaptureSmtp;
let server: RunningServer;
let agent: RunningBrowser;
let customer: RunningBrowser;

beforeAll(async () => {
  smtp = await startCaptureSmtp();
  server = await startServer({ mail: parseMailConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Acme Support <support@acme.example>' }) });
  [agent, customer] = await Promise.all([launchBrowser(server.baseUrl), launchBrowser(server.baseUrl)]);
});

afterAll(async () => {
  await Promise.all([agent, customer].map((browser) => browser?.close()));
  await server?.close();
  await smtp?.close();
});

/** The link in a captured mail as a path on this server (`/invitation#token=…`): the mail names the configured public URL. */
function linkPath(mail: CapturedMail): string {
  const { page, token } = linkOf(mail);
  return `${new URL(page).pathname}#token=${token}`;
}

/** Fills both password fields and submits. */
async function setPassword(page: RunningBrowser['page'], password: string) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
}

/** Signs out through the header and its confirmation. */
async function signOut(page: RunningBrowser['page']) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
}

/** Whether `password` signs `email` in. */
async function signsIn(email: string, password: string): Promise<boolean> {
  const response = await fetch(`${server.baseUrl}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  return response.status === 200;
}

describe('accounts by mail', () => {
  it('an agent adds and invites a customer; the invitation mail sets her password and signs her in, once', async () => {
    const a = agent.page;
    await signInAsAgent(a);
    await a.getByRole('link', { name: 'Customers' }).click();
    await a.waitForURL('**/agent/customers');
    const add = a.getByRole('form', { name: 'Add customer' });
    await add.getByLabel('Name').fill('Nora Quinn');
    await add.getByLabel('Email address').fill('nora@example.com');
    await add.getByRole('button', { name: 'Add customer' }).click();
    await a.getByText('nora@example.com').waitFor(LIVE);
    // The same address again is told at its field, and nothing is added.
    await add.getByLabel('Name').fill('Nora Q');
    await add.getByLabel('Email address').fill('NORA@example.com');
    await add.getByRole('button', { name: 'Add customer' }).click();
    await add.getByText('An account with this email already exists.').waitFor();
    expect(await a.getByText('nora@example.com').count()).toBe(1);

    await a.getByRole('button', { name: 'Send invitation to Nora Quinn' }).click();
    await a.getByRole('status').filter({ hasText: 'Invitation sent to' }).waitFor();
    await a.locator('.customer-row', { hasText: 'Nora Quinn' }).getByText(/^Invited · expires /).waitFor();
    const [invitation] = await smtp.untilMails(1, 60_000);
    expect(invitation!.envelope.to).toEqual(['nora@example.com']);

    const c = customer.page;
    const path = linkPath(invitation!);
    await c.goto(path);
    await c.getByRole('heading', { name: 'Set your password' }).waitFor();
    expect(c.url()).not.toContain('token='); // the token leaves the address bar and the history
    await setPassword(c, 'nora-first-password');
    await c.waitForURL('**/tickets');
    await c.getByRole('heading', { name: 'My Tickets' }).waitFor();
    expect(await signsIn('nora@example.com', 'nora-first-password')).toBe(true);

    // The agent's screen now says she has a password, and offers no invitation.
    await a.reload();
    await a.locator('.customer-row', { hasText: 'Nora Quinn' }).getByText('Has a password').waitFor(LIVE);
    expect(await a.getByRole('button', { name: /invitation to Nora Quinn/ }).count()).toBe(0);

    // The link works once: opened again, it says so, and her password stays.
    await signOut(c);
    await c.goto(path);
    await setPassword(c, 'someone-elses-password');
    await c.getByText('This link was already used.').waitFor();
    expect(await signsIn('nora@example.com', 'someone-elses-password')).toBe(false);
    expect(await signsIn('nora@example.com', 'nora-first-password')).toBe(true);
  });

  it('a customer resets a forgotten password from the mail: her other session ends, the old password stops, the link works once', async () => {
    const elsewhere = await signInAgent(server.baseUrl, 'ada@example.com'); // Ada's session on another device
    expect((await elsewhere.get('/api/session')).status).toBe(200);
    const before = smtp.mails.length;

    const c = customer.page;
    await c.goto('/login');
    await c.getByRole('link', { name: 'Forgot password?' }).click();
    await c.getByLabel('Email address').fill('Ada@Example.com');
    await c.getByRole('button', { name: 'Send link' }).click();
    await c.getByText("If an account exists for Ada@Example.com, we've sent a link to reset its password. It works for one hour.").waitFor();
    // An address with no account gets the same words, and no mail.
    await c.goto('/forgot-password');
    await c.getByLabel('Email address').fill('nobody@example.com');
    await c.getByRole('button', { name: 'Send link' }).click();
    await c.getByText("If an account exists for nobody@example.com, we've sent a link to reset its password. It works for one hour.").waitFor();

    const reset = (await smtp.untilMails(before + 1, 60_000))[before]!;
    expect(reset.envelope.to).toEqual(['ada@example.com']);
    const path = linkPath(reset);
    expect(path).toMatch(/^\/reset-password#token=/);
    await c.goto(path);
    await c.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // A password too short is refused at the field and does not use the link up.
    await setPassword(c, 'short');
    await c.getByText('The password must be at least 8 characters.').first().waitFor();
    await setPassword(c, 'ada-new-password');
    await c.waitForURL('**/tickets');
    await c.locator('.ticket-row').first().waitFor(LIVE);

    expect((await elsewhere.get('/api/session')).status).toBe(401);
    expect(await signsIn('ada@example.com', DEMO_PASSWORD)).toBe(false);
    expect(await signsIn('ada@example.com', 'ada-new-password')).toBe(true);
    expect(smtp.mails.filter((mail) => mail.envelope.to.includes('nobody@example.com'))).toEqual([]);

    await signOut(c);
    await c.goto(path);
    await setPassword(c, 'ada-third-password');
    await c.getByText('This link was already used.').waitFor();
    await c.getByRole('link', { name: 'Send a new link' }).click();
    await c.waitForURL('**/forgot-password');
  });
});
