/**
 * Journey (2): sign in, close the app, take the network away, start it again; create a ticket, reply, reload
 * while offline; reconnect: the server holds each document exactly once and the ticket has its number.
 */
import { describe, expect, it } from 'vitest';
import type { MessageDoc, TicketDoc } from '../app/model';
import { serviceWorkerReady, signIn, signInAgent, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();

describe('offline journey', () => {
  it('works offline after one visit and delivers each write exactly once on reconnect', async () => {
    await signIn(journey.browser.page, 'ada@example.com');
    await journey.browser.page.locator('.ticket-row').first().waitFor();
    await serviceWorkerReady(journey.browser.page);

    await journey.browser.restart();
    await journey.browser.context.setOffline(true);
    const page = journey.browser.page;
    await page.goto('/tickets');
    await page.locator('.ticket-row').first().waitFor();
    await page.locator('.sync-offline').waitFor();

    await page.getByRole('link', { name: 'New Request' }).click();
    await page.getByLabel('Subject').fill('Badge printer offline');
    await page.getByLabel('Message').fill('Written on a train without any network at all.');
    await page.getByRole('button', { name: 'Submit Request' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const ticketId = new URL(page.url()).pathname.split('/').pop()!;
    // Its own words, not the Pending status's (rough edge 1 of issue 16).
    await page.locator('.ticket-header .chip-number', { hasText: 'New · not yet numbered' }).waitFor();

    await page.locator('textarea[name="reply"]').fill('One more detail, still offline.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('One more detail, still offline.').waitFor();
    await page.getByText('2 unsent').waitFor(); // the request (its ticket and first message) and the reply

    await page.reload();
    await page.getByText('One more detail, still offline.').waitFor();
    await page.getByText('Written on a train without any network at all.').waitFor();

    await journey.browser.context.setOffline(false);
    await page.locator('.chip-number', { hasText: /^TK-\d+$/ }).waitFor({ timeout: 60_000 });
    await page.locator('.sync-pending').waitFor({ state: 'detached', timeout: 60_000 });

    const agent = await signInAgent(journey.server.baseUrl);
    const tickets = (await agent.all<TicketDoc>('tickets')).filter((t) => t.subject === 'Badge printer offline');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ _id: ticketId, status: 'open', customerName: 'Ada Lovelace' });
    expect(tickets[0]!.number).toEqual(expect.any(Number));
    const messages = (await agent.all<MessageDoc>('messages')).filter((m) => m.ticketId === ticketId);
    expect(messages.map((m) => m.body).sort()).toEqual([
      'One more detail, still offline.', 'Written on a train without any network at all.',
    ]);
    await page.getByText(`TK-${tickets[0]!.number}`).waitFor();
  });
});
