/** Rough edge 8 of issue 16: at 1280 px every subject in My Tickets is shown whole (it wraps), none cut off. */
import { expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();

it('shows every subject of My Tickets whole at 1280 px', async () => {
  const page = journey.browser.page;
  await signIn(page, 'ada@example.com');
  await page.locator('.ticket-row').first().waitFor();
  const rows = await page.locator('.ticket-row .row-link').evaluateAll((links) => links.map((link) => ({
    subject: link.textContent,
    cut: link.scrollWidth > link.clientWidth + 1 || link.scrollHeight > link.clientHeight + 1 || getComputedStyle(link).textOverflow === 'ellipsis',
  })));
  expect(rows.length).toBeGreaterThanOrEqual(10);
  expect(rows.filter((row) => row.cut).map((row) => row.subject)).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/desktop-tickets-subjects.png' });
});
