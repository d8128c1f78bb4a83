/**
 * Rough edge 7 of issue 16: in a chat conversation Enter sends the customer's message, as it does for the agent,
 * Shift+Enter starts a new line, and the placeholder says so. A portal (or email) conversation keeps Enter for new
 * lines and the plain placeholder.
 */
import { expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();
/** Ada's demo ticket with a portal conversation and a chat conversation. */
const TICKET = 'Webhook deliveries failing with 502 since this morning';

it('sends a chat message on Enter and keeps Shift+Enter for a new line; a portal reply keeps Enter for new lines', async () => {
  const page = journey.browser.page;
  await signIn(page, 'ada@example.com');
  await page.getByRole('link', { name: TICKET }).click();
  await page.getByRole('heading', { level: 1, name: TICKET }).waitFor();
  const reply = page.locator('textarea[name="reply"]');
  /** Chooses the conversation, waits for one of its messages and answers the reply box's placeholder. */
  const open = async (channel: RegExp, message: string) => {
    await page.getByRole('group', { name: 'Conversations' }).getByRole('button', { name: channel }).click();
    await page.locator('.message-body', { hasText: message }).waitFor();
    return reply.getAttribute('placeholder');
  };

  expect(await open(/^Portal/, 'Every webhook delivery since about 7:00')).toBe('Write a reply…');
  await reply.click();
  await page.keyboard.type('Not sent by Enter');
  await page.keyboard.press('Enter');
  expect(await reply.inputValue()).toBe('Not sent by Enter\n');
  await reply.fill('');

  expect(await open(/^Chat/, 'Great, keep me posted.')).toBe('Type a message. Enter sends, Shift+Enter starts a new line.');
  await reply.click();
  await page.keyboard.type('First line');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  expect(await reply.inputValue()).toBe('First line\nsecond line');
  await page.keyboard.press('Enter');
  await page.locator('.message-body', { hasText: 'second line' }).waitFor();
  expect(await reply.inputValue()).toBe('');
});
