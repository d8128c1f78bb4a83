/** Journey (3): after one visit, the service worker serves the app with the server stopped; the data comes from the device. */
import { describe, it } from 'vitest';
import { serviceWorkerReady, signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();

describe('service worker', () => {
  it('starts the app and shows the tickets with the server stopped', async () => {
    const page = journey.browser.page;
    await signIn(page, 'ada@example.com');
    const firstSubject = await page.locator('.ticket-row .row-link').first().textContent();
    await serviceWorkerReady(page);

    await journey.server.stop();
    await journey.browser.restart();
    await journey.browser.page.goto('/tickets');
    await journey.browser.page.getByRole('heading', { name: 'My Tickets' }).waitFor();
    await journey.browser.page.locator('.ticket-row .row-link', { hasText: firstSubject! }).click();
    await journey.browser.page.getByRole('heading', { name: firstSubject! }).waitFor();
    await journey.browser.page.goto('/login');
    await journey.browser.page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
