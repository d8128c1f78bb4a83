/** Walks every screen and state the UI's browser tests look at (each dialog open, validation errors showing). */
import type { Page } from 'playwright-core';
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

/** Visits: login (plain, errors, wrong password), My Tickets (All, Resolved), sign-out dialog, New request (plain,
 *  errors), ticket with chat, with email, the resolve dialog, a closed ticket. */
export async function walkScreens(page: Page, onScreen: OnScreen): Promise<void> {
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
}
