// My Tickets' search in the browser: each key typed timed from the key press to the frame with the list painted (page clock).
import type { BrowserContext, Page } from 'playwright-core';
import { aMessage } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { SessionUser, TicketDoc } from '../../app/model';
import type { Storage } from '../../sync-server/services/storage';
import { bulkWrite } from './harbor-server';
import { answerTime, installInboxTimers } from './inbox-timers';

const WAIT = { timeout: 300_000 };

/** Each ticket's messages carry a word found in no other message (`r{ticket}x{message}`), to search one message. */
export function searchMessages(customer: SessionUser, tickets: ReadonlyArray<Record<string, unknown>>, perTicket: number) {
  return tickets.flatMap((couch, i) => {
    const ticket = { ...couch, id: couch._id } as unknown as TicketDoc;
    return Array.from({ length: perTicket }, (_, j) => {
      const { id, ...message } = aMessage(ticket, customer, {
        id: newId(),
        body: `Reference r${i + 1}x${j + 1}: the replacement cable for this order has still not shipped, could you check with the warehouse?`,
        createdAt: ticket.createdAt + j,
      });
      return { _id: id, ...message };
    });
  });
}

/** Writes the messages on the server, lets the device pull them, then goes offline again. */
export async function syncMessages(page: Page, context: BrowserContext, storage: Storage, messages: object[], lastWord: string): Promise<void> {
  await page.goto('/tickets');
  await bulkWrite(storage.messages, messages);
  await context.setOffline(false);
  const field = page.getByRole('searchbox', { name: 'Search my tickets' });
  // The messages are pulled in the order written: once the last one is found, all are on the device.
  await field.fill(lastWord);
  await page.getByText('1–1 of 1 ticket').waitFor(WAIT);
  await field.fill('');
  await context.setOffline(true);
}

/** Types each query one key at a time into My Tickets' search, then clears it; one time per key, in ms. */
export async function timeMyTicketsSearch(page: Page, context: BrowserContext, queries: string[]): Promise<number[]> {
  await installInboxTimers(context);
  await page.goto('/tickets');
  const box = page.getByRole('searchbox', { name: 'Search my tickets' });
  await page.locator('.ticket-row').first().waitFor(WAIT);
  const times: number[] = [];
  for (const query of queries) {
    await box.click();
    for (const key of query) times.push(await answerTime(page, () => page.keyboard.press(key === ' ' ? 'Space' : key)));
    if ((await box.inputValue()) !== query) throw new Error(`the search box holds "${await box.inputValue()}", not "${query}"`);
    if ((await page.locator('.ticket-row').count()) === 0) throw new Error(`"${query}" found no ticket`);
    await box.press('ControlOrMeta+a');
    times.push(await answerTime(page, () => box.press('Backspace')));
  }
  return times;
}
