/** Signs in through the login screen, as a person would, and waits for My Tickets. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../sync-server/services/seed-demo';

/**
 * Signs in as `email` (the demo password by default) and waits until My Tickets shows. A sign-in the server
 * answers with an error (not wrong credentials) is tried again, up to 3 times; a failure says what the screen showed.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, attempt = 1): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.locator('.form-error[role="alert"]');
  await Promise.race([page.waitForURL('**/tickets'), alert.waitFor()]).catch((error: Error) => {
    throw new Error(`Sign-in as ${email} did not finish at ${page.url()}: ${error.message}`);
  });
  if (await alert.isVisible()) {
    const text = await alert.textContent();
    if (attempt < 3 && !text?.includes('email or password')) return signIn(page, email, password, attempt + 1);
    throw new Error(`Sign-in as ${email} failed: ${text}`);
  }
  await page.getByRole('heading', { name: 'My Tickets' }).waitFor();
}

/** Resolves once a service worker controls `page` (the app shell is then cached for offline starts). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
  });
}
