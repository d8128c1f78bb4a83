/** Outbound mail over the embedded store: what is sent for which message, its headers, its files, and nothing else. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SessionUser } from '../../app/model/user';
import { createLogger } from '../logger';
import { createApp, type HarborApp } from '../app';
import { testConfig } from '../config';
import { changeProfile } from '../services/account-profile';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { messageIdHeader } from './message-id';
import { addPeople, deliveryWhen, FAST_TIMINGS, mailTo, newTicket, reply, SUPPORT, uploadFile } from './outbound-test-kit';
import { replyAddress, replyToken, replyTokenDocId } from './reply-token';

let smtp: CaptureSmtp;
let harbor: HarborApp;
let ada: SessionUser;
let sam: SessionUser;
const config = () => testConfig({ mail: mailTo(smtp), publicUrl: 'https://help.acme.example' });

beforeEach(async () => {
  smtp = await startCaptureSmtp();
  harbor = await createApp(config(), { logger: createLogger({ silent: true }), outboundTimings: FAST_TIMINGS });
  ({ ada, sam } = await addPeople(harbor.storage));
});
afterEach(async () => {
  await harbor.close();
  await smtp.close();
});

const id = (messageId: string) => messageIdHeader(messageId, SUPPORT);

it('threads three agent replies on an email conversation, never sending or naming the internal note between them', async () => {
  const { storage } = harbor;
  const ticket = await newTicket(storage, ada);
  const email = { channel: 'email' as const, authorRole: 'agent' as const };
  const customerFirst = await reply(storage, ticket, ada, { channel: 'email', body: 'My invoice shows the wrong VAT number.' });
  const first = await reply(storage, ticket, sam, { ...email, body: 'Thanks, Ada.\n\nWe are on it <b>now</b>.' });
  const note = await reply(storage, ticket, sam, { ...email, visibility: 'internal', body: 'Secret: ask finance' });
  const second = await reply(storage, ticket, sam, { ...email, body: 'Second reply' });
  const third = await reply(storage, ticket, sam, { ...email, body: 'Third reply' });

  const mails = await smtp.untilMails(3);
  const [a, b, c] = mails.map((mail) => mail.parsed);
  expect(a!.messageId).toBe(id(first.id));
  expect(a!.subject).toBe('[TK-1] Invoice shows the wrong VAT number');
  expect(a!.from?.value[0]?.address).toBe(SUPPORT);
  expect(mails[0]!.envelope.to).toEqual(['ada@example.com']);
  expect(a!.replyTo?.value[0]?.address).toBe(replyAddress(SUPPORT, replyToken(config().sessionSecret, ticket.id)));
  expect(a!.text?.trim()).toBe('Thanks, Ada.\n\nWe are on it <b>now</b>.');
  expect(a!.html).toContain('We are on it &lt;b&gt;now&lt;/b&gt;.');
  expect(a!.inReplyTo).toBe(id(customerFirst.id));
  expect(a!.references).toBe(id(customerFirst.id));
  expect(b!.messageId).toBe(id(second.id));
  expect(b!.inReplyTo).toBe(id(first.id));
  expect(b!.references).toEqual([id(customerFirst.id), id(first.id)]);
  expect(c!.inReplyTo).toBe(id(second.id));
  expect(c!.references).toEqual([id(customerFirst.id), id(first.id), id(second.id)]);
  for (const mail of mails) {
    expect(mail.raw.toString('utf8')).not.toContain(note.id);
    expect(mail.raw.toString('utf8')).not.toContain('Secret');
  }
  expect((await deliveryWhen(storage, third.id, (d) => d.state === 'sent')).attempts).toBe(1);
  await expect(storage.deliveries.get(note.id)).rejects.toMatchObject({ status: 404 });
  await expect(storage.deliveries.get(customerFirst.id)).rejects.toMatchObject({ status: 404 });
  const token = replyToken(config().sessionSecret, ticket.id);
  expect(await storage.mail.get(replyTokenDocId(token))).toMatchObject({ ticketId: ticket.id, conversationId: ticket.id });
  expect(smtp.mails).toHaveLength(3);
});

it('sends a portal reply as a short notification with a link, not its text', async () => {
  const { storage } = harbor;
  const ticket = await newTicket(storage, ada, 'Printer on fire');
  const message = await reply(storage, ticket, sam, { channel: 'portal', authorRole: 'agent', body: 'The whole private answer' });
  const mail = (await smtp.nextMail()).parsed;
  expect(mail.subject).toBe('[TK-1] Printer on fire');
  expect(mail.messageId).toBe(id(message.id));
  expect(mail.text).toContain('Sam Rivera replied to TK-1.');
  expect(mail.text).toContain(`https://help.acme.example/tickets/${ticket.id}`);
  expect(mail.html).toContain(`href="https://help.acme.example/tickets/${ticket.id}"`);
  expect(mail.text).not.toContain('private answer');
  expect(mail.html).not.toContain('private answer');
  expect(mail.replyTo).toBeUndefined();
  expect((await deliveryWhen(storage, message.id, (d) => d.state === 'sent')).state).toBe('sent');
});

it('sends no notification to a customer who turned it off in Settings, and still sends their email replies', async () => {
  const { storage } = harbor;
  await changeProfile(storage, ada.id, { emailOnAgentReply: false });
  const ticket = await newTicket(storage, ada, 'Printer on fire');
  const portal = await reply(storage, ticket, sam, { channel: 'portal', authorRole: 'agent', body: 'Portal reply' });
  // The feed is taken in order: once this email reply is sent, the portal reply before it was looked at.
  const email = await reply(storage, ticket, sam, { channel: 'email', authorRole: 'agent', body: 'Email reply' });
  await deliveryWhen(storage, email.id, (d) => d.state === 'sent');
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([id(email.id)]);
  await expect(storage.deliveries.get(portal.id)).rejects.toMatchObject({ status: 404 });

  await changeProfile(storage, ada.id, { emailOnAgentReply: true });
  const again = await reply(storage, ticket, sam, { channel: 'portal', authorRole: 'agent', body: 'Portal reply again' });
  expect((await smtp.untilMails(2)).map((mail) => mail.parsed.messageId)).toEqual([id(email.id), id(again.id)]);
});

it('sends nothing for chat replies, customer messages or internal notes on any conversation', async () => {
  const { storage } = harbor;
  const ticket = await newTicket(storage, ada);
  const silent = [
    await reply(storage, ticket, sam, { channel: 'chat', authorRole: 'agent', body: 'chat reply' }),
    await reply(storage, ticket, ada, { channel: 'email', body: 'customer on email' }),
    await reply(storage, ticket, ada, { channel: 'portal', body: 'customer on portal' }),
    await reply(storage, ticket, sam, { channel: 'portal', authorRole: 'agent', visibility: 'internal', body: 'portal note' }),
    await reply(storage, ticket, sam, { channel: 'email', authorRole: 'agent', visibility: 'internal', body: 'email note' }),
  ];
  // The feed is taken in order: once this one is sent, every message before it was looked at.
  const sentinel = await reply(storage, ticket, sam, { channel: 'email', authorRole: 'agent', body: 'sentinel' });
  await deliveryWhen(storage, sentinel.id, (d) => d.state === 'sent');
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([id(sentinel.id)]);
  for (const message of silent) await expect(storage.deliveries.get(message.id)).rejects.toMatchObject({ status: 404 });
});

it('attaches the message’s files byte for byte', async () => {
  const { storage } = harbor;
  const ticket = await newTicket(storage, ada);
  const pdf = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
  const text = Buffer.from('naïve café\r\nline two\n', 'utf8');
  const files = [await uploadFile(storage, sam, ticket, 'invoice.pdf', 'application/pdf', pdf), await uploadFile(storage, sam, ticket, 'notes.txt', 'text/plain', text)];
  await reply(storage, ticket, sam, { channel: 'email', authorRole: 'agent', body: 'Two files', attachments: files });
  const mail = (await smtp.nextMail()).parsed;
  expect(mail.attachments.map((file) => file.filename)).toEqual(['invoice.pdf', 'notes.txt']);
  expect(Buffer.compare(mail.attachments[0]!.content as Uint8Array, pdf as Uint8Array)).toBe(0);
  expect(Buffer.compare(mail.attachments[1]!.content as Uint8Array, text as Uint8Array)).toBe(0);
});
