/** The agent inbox journey: a customer and an agent in two browsers at once, each seeing the other's work live. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TicketDoc } from '../app/model';
import { signIn, signInAgent, signInAsAgent, useCustomerAndAgent } from './support';

const LIVE = { timeout: 30_000 };
const journey = useCustomerAndAgent();

/** Every string value stored in the page's IndexedDB databases, joined (what the device holds). */
async function deviceText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((ok, fail) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => ok(req.result);
          req.onerror = () => fail(req.error);
        });
        out.push(JSON.stringify(rows));
      }
      db.close();
    }
    return out.join('\n');
  });
}

describe('agent inbox journey', () => {
  it('keeps a signed-out user and a customer out of /agent', async () => {
    await journey.customer.page.goto('/agent');
    await journey.customer.page.waitForURL('**/login');
    await signIn(journey.customer.page, 'ada@example.com');
    await journey.customer.page.goto('/agent/tickets/anything');
    await journey.customer.page.waitForURL('**/tickets');
    await journey.customer.page.getByRole('heading', { name: 'My Tickets' }).waitFor();
  });

  it('customer and agent at once: replies, a new chat, an internal note the customer never gets, and resolving', async () => {
    const api = await signInAgent(journey.server.baseUrl);
    const ticket = (await api.all<TicketDoc>('tickets'))
      .find((t) => t.subject === 'Team member cannot accept the invitation link')!;
    const c = journey.customer.page;
    const a = journey.agent.page;
    const customerTraffic: string[] = [];
    journey.customer.context.on('response', (response) => {
      if (!response.url().includes('/db/')) return;
      void response.text().then((text) => customerTraffic.push(text), () => undefined);
    });

    await signInAsAgent(a);
    await expect.poll(() => a.title()).toMatch(/^\(\d+\) Inbox · /);
    const row = a.locator('.inbox-row-link', { hasText: ticket.subject });
    await row.click();
    await a.waitForURL(`**/agent/tickets/${ticket._id}`);
    await a.getByRole('heading', { level: 2, name: ticket.subject }).waitFor();
    await expect.poll(() => row.locator('.unread-dot').count()).toBe(0);
    await a.reload();
    await a.getByRole('heading', { level: 2, name: ticket.subject }).waitFor(LIVE);

    // The customer replies: the agent's open thread and list show it without a reload.
    await c.goto(`/tickets/${ticket._id}`);
    await c.getByRole('heading', { level: 1, name: ticket.subject }).waitFor(LIVE);
    const customerReply = 'Ada here: the invitation link still says it expired.';
    await c.getByRole('textbox', { name: /Reply/ }).fill(customerReply);
    await c.getByRole('button', { name: 'Send' }).click();
    await a.locator('.thread .message-body', { hasText: customerReply }).waitFor(LIVE);
    await a.locator('.inbox-row').first().locator('.inbox-subject', { hasText: ticket.subject }).waitFor(LIVE);
    await expect.poll(() => a.locator('.inbox-row').first().locator('.inbox-time').textContent()).toBe('just now');

    // The agent starts an email conversation and replies on it, then starts a chat and sends with Enter.
    const emailReply = 'Sam here: I have sent a fresh invitation by email.';
    await a.getByRole('button', { name: '+ Email' }).click();
    await a.getByLabel('Reply to Ada Lovelace').fill(emailReply);
    await a.getByRole('button', { name: 'Send' }).click();
    await a.locator('.message-card', { hasText: emailReply }).locator('.delivery-sent').waitFor(LIVE);
    const emailFollowUp = 'It is valid for seven days.';
    await a.getByLabel('Reply to Ada Lovelace').fill(emailFollowUp);
    await a.getByRole('button', { name: 'Send' }).click();
    await a.locator('.message-card', { hasText: emailFollowUp }).waitFor();
    const chatLine = 'Are you online now? I can walk you through it.';
    await a.getByRole('button', { name: '+ Chat' }).click();
    await a.getByLabel('Reply to Ada Lovelace').fill(chatLine);
    await a.getByLabel('Reply to Ada Lovelace').press('Enter');
    await a.locator('.bubble-right', { hasText: chatLine }).locator('.delivery-sent').waitFor(LIVE);

    // The customer sees both, and the conversation selector appears.
    const selector = c.getByRole('group', { name: 'Conversations' });
    await selector.getByRole('button', { name: /^Chat/ }).waitFor(LIVE);
    await selector.getByRole('button', { name: /^Email/ }).click();
    await c.getByText(emailReply).waitFor(LIVE);
    await c.getByText(emailFollowUp).waitFor();
    await selector.getByRole('button', { name: /^Chat/ }).click();
    await c.locator('.bubble-right', { hasText: chatLine }).waitFor();

    // An internal note: other agents see it marked; it reaches the server but never the customer's device.
    const note = 'Internal: she was invited twice by mistake, check the audit log.';
    await a.getByRole('button', { name: /^Note/ }).click();
    await a.getByLabel('Note', { exact: true }).fill(note);
    await a.getByRole('button', { name: 'Add note' }).click();
    await a.locator('.message-internal, .bubble-internal', { hasText: note }).getByText('Internal note').waitFor();
    await expect.poll(async () => (await api.all<{ body: string; visibility: string }>('messages'))
      .find((m) => m.body === note)?.visibility, LIVE).toBe('internal');

    // The agent resolves the ticket: it moves to the customer's Resolved tab, live.
    await c.goto('/tickets?tab=resolved');
    await c.getByRole('heading', { name: 'My Tickets' }).waitFor();
    await a.locator('.thread').getByLabel('Status').selectOption('resolved');
    await c.locator('.ticket-row', { hasText: ticket.subject }).getByText('Resolved').waitFor(LIVE);

    // By now the customer's device has pulled past the note: neither its network nor its database holds it.
    expect(customerTraffic.join('\n')).toContain(chatLine);
    expect(customerTraffic.join('\n')).not.toContain(note);
    const stored = await deviceText(c);
    expect(stored).toContain(chatLine);
    expect(stored).not.toContain(note);
  });

  it('shows message bodies and subjects holding HTML or script as text in the thread and the list', async () => {
    const c = journey.customer.page;
    const a = journey.agent.page;
    const subject = '<img src=x onerror="window.__hacked=1"> Export <b>broken</b>';
    const body = '<script>window.__hacked=2</script><img src=x onerror="window.__hacked=3"> it fails';
    await c.goto('/tickets/new');
    await c.getByLabel('Subject').fill(subject);
    await c.getByLabel('Message').fill(body);
    await c.getByRole('button', { name: 'Submit Request' }).click();
    await c.getByRole('heading', { level: 1, name: subject }).waitFor(LIVE);

    await a.goto('/agent');
    const row = a.locator('.inbox-row-link', { hasText: subject });
    await row.locator('.inbox-preview', { hasText: body }).waitFor(LIVE);
    await row.click();
    await a.getByRole('heading', { level: 2, name: subject }).waitFor();
    await a.locator('.thread .message-body', { hasText: body }).waitFor(LIVE);
    expect(await a.locator('.inbox-list img, .inbox-list script, .inbox-list b').count()).toBe(0);
    expect(await a.locator('.thread img, .thread script, .thread-title b').count()).toBe(0);
    expect(await a.evaluate(() => (window as unknown as { __hacked?: number }).__hacked)).toBeUndefined();
  });

  it('marks unread live and counts it in the title; searches and replies offline, delivered on reconnect', async () => {
    const api = await signInAgent(journey.server.baseUrl);
    const tickets = await api.all<TicketDoc>('tickets');
    const watched = tickets.find((t) => t.subject === 'Scheduled report emails stopped arriving')!;
    const other = tickets.find((t) => t.subject === 'Webhook deliveries failing with 502 since this morning')!;
    const c = journey.customer.page;
    const a = journey.agent.page;
    const unreadInTitle = async () => Number(/^\((\d+)\) Inbox/.exec(await a.title())?.[1] ?? 0);
    const watchedRow = a.locator('.inbox-row', { hasText: watched.subject });

    await a.goto('/tickets');
    await a.waitForURL('**/agent');
    await a.goto(`/agent/tickets/${watched._id}`);
    await a.getByRole('heading', { level: 2, name: watched.subject }).waitFor(LIVE);
    await expect.poll(() => watchedRow.locator('.unread-dot').count()).toBe(0);
    await a.locator('.inbox-row-link', { hasText: other.subject }).click();
    await a.getByRole('heading', { level: 2, name: other.subject }).waitFor();
    const before = await unreadInTitle();

    await c.goto(`/tickets/${watched._id}`);
    await c.getByRole('heading', { level: 1, name: watched.subject }).waitFor(LIVE);
    await c.getByRole('textbox', { name: /Reply/ }).fill('They stopped again this morning.');
    await c.getByRole('button', { name: 'Send' }).click();
    await watchedRow.locator('.unread-dot').waitFor(LIVE);
    await expect.poll(unreadInTitle).toBe(before + 1);

    await journey.agent.context.setOffline(true);
    await a.locator('.sync-offline').waitFor(LIVE);
    await a.getByLabel('Search tickets').fill(`TK-${watched.number}`);
    await expect.poll(() => a.locator('.inbox-row').count()).toBe(1);
    await watchedRow.getByRole('link').click();
    await a.getByRole('heading', { level: 2, name: watched.subject }).waitFor();
    await expect.poll(unreadInTitle).toBe(before);
    const answer = 'Written offline: we are re-sending the reports now.';
    await a.getByLabel('Reply to Ada Lovelace').fill(answer);
    await a.getByRole('button', { name: 'Send' }).click();
    await a.locator('.message-card', { hasText: answer }).locator('.delivery-sending').waitFor();
    await journey.agent.context.setOffline(false);
    await a.locator('.message-card', { hasText: answer }).locator('.delivery-sent').waitFor(LIVE);
    await c.getByText(answer).waitFor(LIVE);
  });
});
