/** Signs in through the login screen, as a person would, and waits for My Tickets. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../sync-server/services/seed-demo';

/** Signs in as `email` (the demo password by default) and waits until My Tickets shows. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/tickets');
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
