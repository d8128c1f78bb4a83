/**
 * Rough edge 12 of issue 16, the agent's side: at 1280×800 the composer leaves most of the thread panel to the
 * thread; an internal note belongs to the conversation it was written in (a note in the chat is not shown inside the
 * email thread); on a phone the ticket's controls fit the screen.
 */
import { expect, it } from 'vitest';
import { signInAsAgent, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();
/** Ada's demo ticket with a portal conversation and a chat conversation. */
const TICKET = 'Webhook deliveries failing with 502 since this morning';

it('leaves the thread most of the panel, keeps a note in its conversation, and fits the controls on a phone', async () => {
  const page = journey.browser.page;
  await signInAsAgent(page);
  await page.locator('.inbox-row', { hasText: TICKET }).click();
  await page.getByRole('heading', { name: TICKET }).waitFor();
  const panel = await page.locator('.inbox-thread-panel').boundingBox();
  const composer = await page.locator('.agent-composer').boundingBox();
  // It was 280 px of the panel's 743: with the header, controls and description above, about 150 px of messages.
  expect(composer!.height).toBeLessThanOrEqual(220);
  expect(composer!.height / panel!.height).toBeLessThan(0.3);

  // A note written while the chat is open stays with the chat.
  const conversations = page.getByRole('group', { name: 'Conversations' });
  await conversations.getByRole('button', { name: /^Chat/ }).click();
  await page.getByRole('button', { name: /^Note/ }).click();
  await page.getByLabel('Note').fill('Customer prefers chat for this one.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('.message-body', { hasText: 'Customer prefers chat for this one.' }).waitFor();
  await conversations.getByRole('button', { name: /^Portal/ }).click();
  await page.locator('.message-body', { hasText: 'Every webhook delivery since about 7:00' }).waitFor();
  expect(await page.locator('.message-body', { hasText: 'Customer prefers chat for this one.' }).count()).toBe(0);
  await conversations.getByRole('button', { name: /^Chat/ }).click();
  await page.locator('.message-body', { hasText: 'Customer prefers chat for this one.' }).waitFor();

  await page.screenshot({ path: 'e2e/screenshots/desktop-agent-composer.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  const cut = await page.evaluate(() => {
    const area = document.querySelector('.thread')!.getBoundingClientRect();
    return [...document.querySelectorAll('.ticket-controls select')]
      .map((select) => ({ name: select.getAttribute('aria-label') ?? select.id, box: select.getBoundingClientRect() }))
      .filter(({ box }) => box.left < area.left || box.right > area.right || box.right > window.innerWidth)
      .map(({ name, box }) => `${name}: ${Math.round(box.left)}–${Math.round(box.right)} of ${Math.round(area.right)}`);
  });
  expect(cut).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/phone-agent-controls.png' });
});
