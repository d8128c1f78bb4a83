/** Journey (7): two tabs open at once both stay live (one replicates, the other follows through the shared store). */
import { describe, expect, it } from 'vitest';
import type { TicketDoc } from '../app/model';
import { newId, SCHEMA_VERSION } from '../app/model';
import { signIn, signInAgent, useServerAndBrowser } from './support';

const journey = useServerAndBrowser();

describe('two tabs', () => {
  it('shows an agent’s reply and the other tab’s new request in both tabs, live, and the other tab takes over when the leader closes', async () => {
    const first = journey.browser.page;
    const polling = new Set<string>();
    journey.browser.context.on('request', (request) => {
      if (!request.url().includes('feed=longpoll')) return;
      polling.add(request.frame().page() === first ? 'first' : 'second');
    });
    await signIn(first, 'ada@example.com');
    const second = await journey.browser.context.newPage();
    await second.goto('/tickets');
    await second.locator('.ticket-row').first().waitFor();

    const agent = await signInAgent(journey.server.baseUrl);
    const ticket = (await agent.all<TicketDoc>('tickets'))
      .find((t) => t.customerName === 'Ada Lovelace' && t.status === 'open')!;
    await second.goto(`/tickets/${ticket._id}`);
    await second.getByRole('heading', { name: ticket.subject }).waitFor();

    const body = 'Sam here: a technician is on the way.';
    const [row] = await agent.write('messages', [{
      _id: newId(), schemaVersion: SCHEMA_VERSION, ticketId: ticket._id, customerId: ticket.customerId,
      conversationId: ticket._id, channel: 'portal', visibility: 'public', authorRole: 'agent',
      authorId: agent.user.id, authorName: agent.user.name, body, createdAt: Date.now(),
    }]);
    expect(row?.error).toBeUndefined();
    await second.getByText(body).waitFor({ timeout: 30_000 });
    await first.locator('.last-preview', { hasText: body }).waitFor({ timeout: 30_000 });

    await second.goto('/tickets/new');
    await second.getByLabel('Subject').fill('Made in the second tab');
    await second.getByLabel('Message').fill('Both tabs should show this request.');
    await second.getByRole('button', { name: 'Submit Request' }).click();
    await first.locator('.ticket-row .row-link', { hasText: 'Made in the second tab' }).waitFor();
    await first.locator('.ticket-row', { hasText: 'Made in the second tab' }).locator('.chip-number', { hasText: /^TK-\d+$/ })
      .waitFor({ timeout: 30_000 });
    // One replicating tab (the leader) for both: the other holds no longpoll of its own.
    expect([...polling]).toEqual(['first']);

    // The leader goes away: the other tab takes over replication and stays live.
    await first.close();
    await second.goto(`/tickets/${ticket._id}`);
    const later = 'Sam again: the technician has fixed it.';
    await agent.write('messages', [{
      _id: newId(), schemaVersion: SCHEMA_VERSION, ticketId: ticket._id, customerId: ticket.customerId,
      conversationId: ticket._id, channel: 'portal', visibility: 'public', authorRole: 'agent',
      authorId: agent.user.id, authorName: agent.user.name, body: later, createdAt: Date.now(),
    }]);
    await second.getByText(later).waitFor({ timeout: 30_000 });
    expect([...polling]).toEqual(['first', 'second']);
  });
});
