/** Signs in through the login screen, as a person would, and waits for My Tickets. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../sync-server/services/seed-demo';

/**
 * Signs in as `email` (the demo password by default) and waits until My Tickets shows; a failure says what the
 * screen showed. No retry: a sign-in that fails once is a bug to find, not to paper over.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.locator('.form-error[role="alert"]');
  await Promise.race([page.waitForURL('**/tickets'), alert.waitFor()]).catch((error: Error) => {
    throw new Error(`Sign-in as ${email} did not finish at ${page.url()}: ${error.message}`);
  });
  if (await alert.isVisible()) {
    throw new Error(`Sign-in as ${email} failed: ${await alert.textContent()}`);
  }
  await page.getByRole('heading', { name: 'My Tickets' }).waitFor();
}

/** Signs in through /login as the demo agent and waits for the inbox's first row. */
export async function signInAsAgent(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill('sam@example.com');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/agent');
  await page.locator('.inbox-row').first().waitFor({ timeout: 30_000 });
}

/** Resolves once a service worker controls `page` (the app shell is then cached for offline starts). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
  });
}
