/**
 * Two robots cannot loop: with mail on both ways, an out-of-office or a bounce answering Harbor's own mail, to its
 * reply address and threaded on it, is taken and dropped (no message, no ticket change) and nothing is mailed back.
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { afterEach, expect, it } from 'vitest';
import { newId } from '../../app/model/ids';
import { createLogger } from '../logger';
import { readStoredDoc } from '../services/feed-docs';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { startInboundMail, type InboundMailServer } from './inbound-server';
import { messageIdHeader } from './message-id';
import { addPeople, mailTo, newTicket, reply, SUPPORT } from './outbound-test-kit';

let smtp: CaptureSmtp | undefined;
let app: TestApp | undefined;
let inbound: InboundMailServer | undefined;
afterEach(async () => {
  await inbound?.close();
  await app?.close();
  await smtp?.close();
});

/** The ids of every stored message. */
async function messageIds(harbor: TestApp): Promise<string[]> {
  return (await harbor.storage.messages.allDocs({})).flatMap((row) => ('id' in row && !row.id.startsWith('_design/') ? [row.id] : []));
}

it("drops an auto-reply and a bounce to Harbor's reply address, and mails nothing back", async () => {
  smtp = await startCaptureSmtp();
  app = await createTestApp({ mail: { ...mailTo(smtp), inboundSmtpPort: 0, inboundAddress: SUPPORT } });
  inbound = await startInboundMail({ storage: app.storage, config: app.config, logger: createLogger({ silent: true }) });
  const { ada, sam } = await addPeople(app.storage);
  const ticket = await newTicket(app.storage, ada);
  const email = { channel: 'email', conversationId: newId(), authorRole: 'agent' } as const;
  const first = await reply(app.storage, ticket, sam, { ...email, body: 'Please try restarting the router.' });
  const mailed = await smtp.nextMail();
  const replyTo = mailed.parsed.replyTo!.value[0]!.address!;
  const threaded = { to: replyTo, subject: `Re: ${mailed.parsed.subject}`, inReplyTo: mailed.parsed.messageId!, references: [mailed.parsed.messageId!] };
  const before = await readStoredDoc(app.storage.tickets, ticket.id);

  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
  const send = (mail: Mail.Options) => transport.sendMail(mail);
  try {
    const outOfOffice = { from: 'ada@example.com', ...threaded, text: 'I am away until Monday and will read your mail then.', headers: { 'Auto-Submitted': 'auto-replied' } };
    expect((await send(outOfOffice)).response).toMatch(/^250 .*automatic/);
    const bounce = { from: 'ada@example.com', ...threaded, envelope: { from: '', to: replyTo }, text: 'Your message could not be delivered: the mailbox is full.' };
    expect((await send(bounce)).response).toMatch(/^250 .*automatic/);
    expect(await messageIds(app)).toEqual([first.id]);
    expect((await readStoredDoc(app.storage.tickets, ticket.id))?._rev).toBe(before?._rev);

    // The same address takes a person's mail (so the robots were dropped for being robots), and that is not mailed either.
    expect((await send({ from: 'ada@example.com', ...threaded, text: 'Restarting it fixed the problem, thank you!' })).response).toMatch(/^250 /);
    expect(await messageIds(app)).toHaveLength(2);
  } finally {
    transport.close();
  }
  // The next mail out is the agent's next reply: nothing was sent in answer to the robots or to Ada's mail.
  const next = await reply(app.storage, ticket, sam, { ...email, body: 'Glad to hear it, closing the ticket.' });
  await smtp.untilMails(2);
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([messageIdHeader(first.id, SUPPORT), messageIdHeader(next.id, SUPPORT)]);
  expect(smtp.mails.map((mail) => mail.envelope.to)).toEqual([['ada@example.com'], ['ada@example.com']]);
});
