/**
 * Rating the answer (issue 16), at 1280×800 and 390×844: the agent resolves a ticket through the server, the customer
 * rates it Bad with a comment while offline (axe clean with the form on screen), goes online, and the agent's open
 * thread shows "Rated Bad" with the comment; the server holds it, stamped with its own time.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TicketDoc } from '../app/model';
import { axeViolations, signIn, signInAgent, signInAsAgent, useCustomerAndAgent, type AgentApi } from './support';

const LIVE = { timeout: 30_000 };
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const journey = useCustomerAndAgent();
let agentApi: AgentApi | undefined;
const used = new Set<string>();

/** How far the page is wider than the viewport (0 when nothing scrolls sideways). */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

/** One of Ada's open tickets not used yet, resolved by the agent through the server. */
async function resolvedByAgent(api: AgentApi): Promise<TicketDoc & { _id: string }> {
  const ticket = (await api.all<TicketDoc>('tickets'))
    .find((t) => t.customerName === 'Ada Lovelace' && t.status === 'open' && !used.has(t._id) && t.rating === undefined)!;
  used.add(ticket._id);
  const [row] = await api.write('tickets', [{ ...ticket, status: 'resolved', statusChangedAt: Date.now() }]);
  expect(row).toMatchObject({ ok: true });
  return ticket;
}

describe('rating journey', () => {
  for (const viewport of VIEWPORTS) {
    it(`rates a resolved ticket Bad offline and the agent sees it once online (${viewport.name})`, async () => {
      const c = journey.customer.page;
      const a = journey.agent.page;
      await c.setViewportSize(viewport);
      await a.setViewportSize(viewport);
      if (!agentApi) {
        agentApi = await signInAgent(journey.server.baseUrl);
        await signIn(c, 'ada@example.com');
        await signInAsAgent(a);
      }
      const ticket = await resolvedByAgent(agentApi);

      // The agent has the ticket open: what the customer sends later shows there without a reload.
      await a.goto(`/agent/tickets/${ticket._id}`);
      await a.getByRole('heading', { level: 2, name: ticket.subject }).waitFor(LIVE);
      expect(await a.getByRole('region', { name: 'Customer’s rating' }).count()).toBe(0);

      await c.goto(`/tickets/${ticket._id}`);
      const card = c.getByRole('region', { name: 'How was the answer?' });
      await card.waitFor(LIVE);
      expect(await axeViolations(c)).toEqual([]);
      expect(await sideways(c)).toBe(0);

      await journey.customer.context.setOffline(true);
      await c.locator('.sync-offline').waitFor();
      // By keyboard: Tab from Good to Bad (its focus ring shows), Space presses it.
      const bad = card.getByRole('button', { name: 'Bad' });
      await card.getByRole('button', { name: 'Good' }).focus();
      await c.keyboard.press('Tab');
      expect(await c.evaluate(() => document.activeElement?.textContent)).toBe('Bad');
      expect(await c.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).not.toBe('none');
      await c.keyboard.press('Space');
      expect(await bad.getAttribute('aria-pressed')).toBe('true');
      expect(await card.getByRole('button', { name: 'Good' }).getAttribute('aria-pressed')).toBe('false');
      await card.getByText('Up to 1,000 characters.').waitFor();
      const comment = `The fix did not last (${viewport.name}).`;
      await card.getByLabel('Comment').fill(comment);
      await card.getByRole('button', { name: 'Send rating' }).click();
      await card.getByText('Thanks for your rating.').waitFor();
      await card.getByText('Saved on this device, waiting for network').waitFor();
      await expect.poll(() => c.evaluate(() => document.activeElement?.textContent)).toBe('Thanks for your rating.');
      expect(await card.textContent()).toContain(comment);
      expect(await axeViolations(c)).toEqual([]);
      const offlineCopy = (await agentApi.all<TicketDoc>('tickets')).find((t) => t._id === ticket._id)!;
      expect(offlineCopy.rating).toBeUndefined();

      const before = Date.now();
      await journey.customer.context.setOffline(false);
      await card.getByText('Sent').waitFor(LIVE);

      const shown = a.getByRole('region', { name: 'Customer’s rating' });
      await shown.getByText('Rated Bad').waitFor(LIVE);
      expect(await shown.textContent()).toContain(comment);
      const stored = (await agentApi.all<TicketDoc>('tickets')).find((t) => t._id === ticket._id)!;
      expect(stored).toMatchObject({ status: 'resolved', rating: { value: 'bad', comment } });
      expect(stored.rating!.ratedAt).toBeGreaterThanOrEqual(before);
      expect(await sideways(a)).toBe(0);
    });
  }
});
