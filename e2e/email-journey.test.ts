/**
 * Email both ways in Chromium: an agent's email replies leave through a real SMTP server (the capture server) as
 * threaded mail with a reply address; the customer's answer, sent back in to Harbor's inbound port, shows trimmed of
 * its quoted history in the customer's portal and in the agent's open thread, live. The agent's note never leaves.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDoc } from '../app/model';
import { parseMailConfig } from '../sync-server/mail/mail-config';
import { startCaptureSmtp, type CaptureSmtp } from '../sync-server/test-support/capture-smtp';
import { launchBrowser, signIn, signInAgent, signInAsAgent, startServer, type RunningBrowser, type RunningServer } from './support';

const LIVE = { timeout: 30_000 };
const SUPPORT_DOMAIN = 'acme.example';

let smtp: CaptureSmtp;
let server: RunningServer;
let agent: RunningBrowser;
let customer: RunningBrowser;

beforeAll(async () => {
  smtp = await startCaptureSmtp();
  server = await startServer({
    mail: parseMailConfig({ SMTP_URL: smtp.url, MAIL_FROM: `Acme Support <support@${SUPPORT_DOMAIN}>`, INBOUND_SMTP_PORT: '0' }),
  });
  [agent, customer] = await Promise.all([launchBrowser(server.baseUrl), launchBrowser(server.baseUrl)]);
});

afterAll(async () => {
  await Promise.all([agent, customer].map((browser) => browser?.close()));
  await server?.close();
  await smtp?.close();
});

/** What Ada's mail client sends back: her answer above the quoted mail, as clients write it. */
function answerWithHistory(answer: string, quoted: string): string {
  return `${answer}\n\nOn Mon, Dec 7, 2026 at 1:30 PM Acme Support <support@${SUPPORT_DOMAIN}> wrote:\n> ${quoted}\n`;
}

describe('email journey', () => {
  it("an agent's email reply reaches the customer's mail; her answer by mail comes back live, trimmed; a note never leaves", async () => {
    const api = await signInAgent(server.baseUrl);
    // An open ticket: mail to a closed one opens a new ticket instead (covered by the inbound suites).
    const ticket = (await api.all<TicketDoc>('tickets')).find((t) => t.customerName === 'Ada Lovelace' && t.status === 'open')!;
    const a = agent.page;
    const c = customer.page;

    await signInAsAgent(a);
    await a.goto(`/agent/tickets/${ticket._id}`);
    await a.getByRole('heading', { level: 2, name: ticket.subject }).waitFor(LIVE);

    // First an internal note on the ticket, stored on the server before any reply: it must never be mailed.
    const note = 'Internal: her first invitation bounced, the address had a typo.';
    await a.getByRole('button', { name: /^Note/ }).click();
    await a.getByLabel('Note', { exact: true }).fill(note);
    await a.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(async () => (await api.all<{ body: string }>('messages')).some((m) => m.body === note), LIVE).toBe(true);

    // The agent starts an email conversation and replies twice on it.
    const first = 'Sam here: I have sent you a fresh invitation.';
    const second = 'It is valid for seven days; tell me if it works.';
    await a.getByRole('group', { name: 'Write' }).getByRole('button', { name: /^Reply/ }).click();
    await a.getByRole('button', { name: '+ Email' }).click();
    await a.getByLabel('Reply to Ada Lovelace').fill(first);
    expect(await a.getByText('Email is not set up').count()).toBe(0); // mail is on: the composer does not say otherwise
    await a.getByRole('button', { name: 'Send' }).click();
    await a.locator('.message-card', { hasText: first }).waitFor();
    await a.getByLabel('Reply to Ada Lovelace').fill(second);
    await a.getByRole('button', { name: 'Send' }).click();

    const [firstMail, secondMail] = await smtp.untilMails(2, 60_000);
    const stored = await api.all<{ body: string; conversationId: string }>('messages');
    const firstId = `<${stored.find((m) => m.body === first)!._id}@${SUPPORT_DOMAIN}>`;
    const secondId = `<${stored.find((m) => m.body === second)!._id}@${SUPPORT_DOMAIN}>`;
    for (const mail of [firstMail!, secondMail!]) {
      expect(mail.envelope.to).toEqual(['ada@example.com']);
      expect(mail.parsed.subject).toBe(`[TK-${ticket.number}] ${ticket.subject}`);
      expect(mail.parsed.replyTo?.value[0]?.address).toMatch(new RegExp(`^support\\+[^@]+@${SUPPORT_DOMAIN}$`));
    }
    expect(firstMail!.parsed.messageId).toBe(firstId);
    expect(firstMail!.parsed.text).toContain(first);
    expect(secondMail!.parsed.messageId).toBe(secondId);
    expect(secondMail!.parsed.text).toContain(second);
    expect(secondMail!.parsed.inReplyTo).toBe(firstId);
    expect([secondMail!.parsed.references].flat()).toEqual([firstId]);
    expect(secondMail!.parsed.replyTo?.value[0]?.address).toBe(firstMail!.parsed.replyTo?.value[0]?.address);
    const secondCard = a.locator('.message-card', { hasText: second });
    await secondCard.locator('.email-delivery', { hasText: 'Sent' }).waitFor(LIVE);
    await a.locator('.message-card', { hasText: first }).locator('.email-delivery', { hasText: 'Sent' }).waitFor(LIVE);

    // Ada, in her portal, opens the email conversation the agent started.
    await signIn(c, 'ada@example.com');
    await c.goto(`/tickets/${ticket._id}`);
    await c.getByRole('heading', { level: 1, name: ticket.subject }).waitFor(LIVE);
    await c.getByRole('group', { name: 'Conversations' }).getByRole('button', { name: /^Email/ }).click();
    await c.getByText(second).waitFor(LIVE);

    // She answers from her mail client: to the reply address, threaded on the mail she got, the history quoted below.
    const answer = 'Thanks Sam, the new invitation worked and I am in.';
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.inboundSmtpPort!, secure: false, ignoreTLS: true });
    try {
      const sent = await transport.sendMail({
        from: 'Ada Lovelace <ada@example.com>',
        to: secondMail!.parsed.replyTo!.value[0]!.address!,
        subject: `Re: ${secondMail!.parsed.subject}`,
        inReplyTo: secondId,
        references: [firstId, secondId],
        text: answerWithHistory(answer, second),
      });
      expect(sent.response).toMatch(/^250 /);
    } finally {
      transport.close();
    }

    // It shows in both open screens without a reload, as her answer alone.
    await c.getByText(answer).waitFor(LIVE);
    await a.locator('.thread .message-body', { hasText: answer }).waitFor(LIVE);
    for (const page of [a, c]) expect(await page.getByText('wrote:').count()).toBe(0);
    const inbound = (await api.all<{ body: string; channel: string; authorRole: string; conversationId: string }>('messages'))
      .find((m) => m.body.startsWith(answer))!;
    expect(inbound).toMatchObject({ body: answer, channel: 'email', authorRole: 'customer' });
    expect(inbound.conversationId).toBe(stored.find((m) => m.body === second)!.conversationId);

    // Two mails in all: the note was never sent, and the customer's own answer is not mailed back to her.
    expect(smtp.mails).toHaveLength(2);
    for (const mail of smtp.mails) expect(`${mail.parsed.text}${mail.parsed.html || ''}`).not.toContain(note);
  });
});
