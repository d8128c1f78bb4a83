/**
 * Rough edge 5 of issue 16: a reply written with no network says that it waits for the network, not "Sending";
 * once the network is back it goes and says "Sent".
 */
import { expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();

it('says a reply waits for the network while offline, then Sent', async () => {
  const page = journey.browser.page;
  await signIn(page, 'ada@example.com');
  await page.locator('.ticket-row').first().click();
  await page.locator('textarea[name="reply"]').waitFor();

  await journey.browser.context.setOffline(true);
  await page.locator('.sync-offline').waitFor();
  await page.locator('textarea[name="reply"]').fill('Written in a tunnel.');
  await page.getByRole('button', { name: 'Send' }).click();
  const mine = page.locator('.message-card, .bubble-row', { hasText: 'Written in a tunnel.' });
  await mine.getByText('Waiting for network').waitFor();
  expect(await mine.getByText('Sending').count()).toBe(0);

  await journey.browser.context.setOffline(false);
  await mine.getByText('Sent').waitFor({ timeout: 60_000 });
});
