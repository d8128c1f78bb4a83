/**
 * Email delivery states in Chromium: with mail off the agent's email composer says replies are kept in Harbor
 * but not sent; a delivery document the server writes shows on the reply's card as Queued, then Sent, live; a
 * customer's browser never asks for delivery states.
 */
import { describe, expect, it } from 'vitest';
import { aDelivery } from '../app/model/delivery-fixtures';
import type { TicketDoc } from '../app/model';
import { axeViolations, signIn, signInAgent, signInAsAgent, useCustomerAndAgent } from './support';

const LIVE = { timeout: 30_000 };
const journey = useCustomerAndAgent();

describe('email delivery journey', () => {
  it("shows the server's record of an email reply on its card, live, and never to the customer", async () => {
    const api = await signInAgent(journey.server.baseUrl);
    const ticket = (await api.all<TicketDoc>('tickets')).find((t) => t.customerName === 'Ada Lovelace')!;
    const a = journey.agent.page;
    const c = journey.customer.page;
    const customerAsked: string[] = [];
    journey.customer.context.on('request', (request) => customerAsked.push(new URL(request.url()).pathname));

    await signInAsAgent(a);
    await a.goto(`/agent/tickets/${ticket._id}`);
    await a.getByRole('heading', { level: 2, name: ticket.subject }).waitFor(LIVE);
    await a.getByRole('button', { name: '+ Email' }).click();
    await a.getByText('Email is not set up: email replies are kept in Harbor but not sent.').waitFor();
    const body = 'Sam here: a fresh invitation is on its way by email.';
    await a.getByLabel('Reply to Ada Lovelace').fill(body);
    await a.getByRole('button', { name: 'Send' }).click();
    const card = a.locator('.message-card', { hasText: body });
    await card.locator('.delivery-sent').waitFor(LIVE);
    await expect.poll(() => card.locator('.email-delivery').count()).toBe(0);

    // What the server's outbound mail records, written straight into its storage.
    const message = (await api.all<{ body: string; ticketId: string }>('messages')).find((m) => m.body === body)!;
    const deliveries = journey.server.harbor.storage.deliveries;
    const queued = aDelivery({ id: message._id, ticketId: message.ticketId });
    const { rev } = await deliveries.put({ _id: message._id, ...queued });
    await card.locator('.email-delivery', { hasText: 'Queued' }).waitFor(LIVE);
    const sent = await deliveries.put({ _id: message._id, _rev: rev, ...queued, state: 'sent', attempts: 1 });
    await card.locator('.email-delivery', { hasText: 'Sent' }).waitFor(LIVE);
    expect(await card.locator('.email-delivery').textContent()).toContain('Email delivery:');
    // (A real server never fails a sent mail; here it shows the failed line's look, for axe to check it too.)
    await deliveries.put({ _id: message._id, _rev: sent.rev, ...queued, state: 'failed', reason: '550 5.1.1 mailbox unavailable', attempts: 2 });
    await card.locator('.email-delivery', { hasText: 'Failed: 550 5.1.1 mailbox unavailable' }).waitFor(LIVE);
    expect(await axeViolations(a)).toEqual([]);

    await signIn(c, 'ada@example.com');
    await c.goto(`/tickets/${ticket._id}`);
    await c.getByText(body).waitFor(LIVE);
    expect(customerAsked.filter((path) => path.startsWith('/db/deliveries'))).toEqual([]);
    expect(customerAsked.some((path) => path.startsWith('/db/messages'))).toBe(true);
  });
});
