/** Walks every screen and state the UI's browser tests look at (each dialog open, validation errors showing). */
import type { Page } from 'playwright-core';
import type { TicketDoc } from '../app/model';
import { signInAgent } from '../e2e/support';
import { DEMO_CUSTOMER, signInAs } from './e2e-harness';

/** Called once per screen state, after its content has loaded. */
export type OnScreen = (name: string) => Promise<void>;

const EMAIL_TICKET = 'Charged twice for the November subscription';
const CLOSED_TICKET = 'Data retention settings for GDPR';

async function openTicket(page: Page, subject: string, tab: 'All' | 'Resolved' = 'All'): Promise<void> {
  await page.goto(tab === 'All' ? '/tickets' : '/tickets?tab=resolved');
  const link = page.getByRole('link', { name: subject });
  while (!(await link.isVisible())) {
    await page.locator('.ticket-row').first().waitFor();
    if (await link.isVisible()) break;
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await link.click();
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  await page.locator('.message-body').first().waitFor();
}

/**
 * Offline, replies to an open ticket (Waiting for network, "N unsent", the sign-out warning); an agent closes the ticket
 * meanwhile, so back online the server refuses the reply (Failed with the reason, Retry, Discard).
 */
async function walkOfflineStates(page: Page, baseUrl: string, onScreen: OnScreen): Promise<void> {
  await page.goto('/tickets?tab=open');
  const row = page.locator('.ticket-row', { has: page.locator('.chip-open') })
    .filter({ hasNotText: 'Webhook deliveries' }).first();
  await row.waitFor();
  const subject = await row.locator('.row-link').innerText();
  await row.locator('.row-link').click();
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  const ticketId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  await page.context().setOffline(true);
  await page.getByText('Offline', { exact: true }).waitFor();
  await page.getByRole('textbox', { name: /Reply/ }).fill('Any update on this? Thanks!');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(/\d+ unsent/).waitFor();
  await page.getByText('Waiting for network').first().waitFor();
  await onScreen('ticket-offline-waiting');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog').getByText(/reached the server yet/).waitFor();
  await onScreen('sign-out-dialog-unsent');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  const agent = await signInAgent(baseUrl);
  const ticket = (await agent.all<TicketDoc>('tickets')).find((t) => t._id === ticketId)!;
  const written = await agent.write('tickets', [{ ...ticket, status: 'closed', statusChangedAt: Date.now() + 60_000 }]);
  if (!written[0]?.ok) throw new Error(`the agent could not close the ticket: ${JSON.stringify(written)}`);
  await page.context().setOffline(false);
  await page.getByText(/^Failed: /).first().waitFor({ timeout: 30_000 });
  await onScreen('ticket-failed');
}

/** Visits: login (plain, errors, wrong password), My Tickets (All, Resolved), sign-out dialog, Settings (plain, errors), New request (plain,
 *  errors), ticket with chat, the resolve dialog, with email, a closed ticket, then the offline states. */
export async function walkScreens(page: Page, onScreen: OnScreen, baseUrl?: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await onScreen('login');
  await page.getByLabel('Email address').fill(''); // a signed-in device pre-fills the email
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Enter your email address.').waitFor();
  await onScreen('login-errors');
  await page.getByLabel('Email address').fill(DEMO_CUSTOMER.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await onScreen('login-wrong-password');

  await signInAs(page);
  await onScreen('tickets');
  await page.getByRole('tab', { name: /Resolved/ }).click();
  await page.getByRole('cell', { name: 'Closed' }).first().waitFor();
  await onScreen('tickets-resolved');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog').waitFor();
  await onScreen('sign-out-dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await onScreen('settings');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Enter your current password.').waitFor();
  await onScreen('settings-errors');
  await page.goto('/tickets');
  await page.getByRole('heading', { level: 1, name: 'My Tickets' }).waitFor();

  await page.getByRole('link', { name: /New Request/ }).click();
  await page.getByRole('heading', { name: 'New Support Request' }).waitFor();
  await onScreen('new-ticket');
  await page.getByRole('button', { name: 'Submit Request' }).click();
  await page.getByText('Enter a subject.').waitFor();
  await onScreen('new-ticket-errors');

  await openTicket(page, 'Webhook deliveries failing with 502 since this morning');
  await onScreen('ticket-chat');
  await page.getByRole('button', { name: /Mark as resolved/ }).click();
  await page.getByRole('dialog').waitFor();
  await onScreen('resolve-dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await openTicket(page, EMAIL_TICKET, 'Resolved');
  await page.getByRole('button', { name: /^Email/ }).click();
  await onScreen('ticket-email');
  await openTicket(page, CLOSED_TICKET, 'Resolved');
  await page.getByRole('link', { name: 'New Request' }).last().waitFor();
  await onScreen('ticket-closed');
  if (baseUrl) await walkOfflineStates(page, baseUrl, onScreen);
}
