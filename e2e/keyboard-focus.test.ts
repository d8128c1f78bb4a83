/**
 * Rough edge 4 of issue 16: keyboard focus never drops to the page body. "Skip to content" moves focus into the
 * screen without changing the URL; a route change puts focus on the new screen's heading; Send, pressed from the
 * keyboard, leaves focus in the reply box, ready for the next message.
 */
import { expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();
/** Ada's demo ticket with a portal conversation. */
const TICKET = 'Webhook deliveries failing with 502 since this morning';

/** What has focus: its tag, and its text or accessible name. */
const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { tag: active?.tagName.toLowerCase() ?? null, text: (active?.getAttribute('aria-label') ?? active?.textContent ?? '').trim().slice(0, 80) };
  });

it('moves focus to the screen on Skip to content and on route changes, and keeps it in the reply box after Send', async () => {
  const page = journey.browser.page;
  await signIn(page, 'ada@example.com');
  await page.getByRole('heading', { level: 1, name: 'My Tickets' }).waitFor();
  const before = page.url();

  // The skip link is the first stop; Enter on it focuses the screen's heading and leaves the URL alone.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Tab');
  expect(await focused(page)).toEqual({ tag: 'a', text: 'Skip to content' });
  await page.keyboard.press('Enter');
  expect(await focused(page)).toEqual({ tag: 'h1', text: 'My Tickets' });
  expect(page.url()).toBe(before);

  // Opening a ticket from the list by keyboard: focus lands on its subject, not on the body.
  await page.getByRole('link', { name: TICKET }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: TICKET }).waitFor();
  await expect.poll(() => focused(page)).toEqual({ tag: 'h1', text: TICKET });

  // Tab to Send and Enter: the reply is sent, and focus is back in the reply box.
  const reply = page.locator('textarea[name="reply"]');
  await reply.fill('Thanks, sent from the keyboard.');
  await page.getByRole('button', { name: 'Send' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.message-body', { hasText: 'Thanks, sent from the keyboard.' }).waitFor();
  await expect.poll(() => reply.evaluate((box) => box === document.activeElement)).toBe(true);

  // Back by the link: the list's heading has focus again.
  await page.getByRole('link', { name: /Back/ }).first().focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toEqual({ tag: 'h1', text: 'My Tickets' });
});
