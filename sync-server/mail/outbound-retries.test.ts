/** Outbound mail when the SMTP server refuses: retried with backoff (still queued) until accepted once, failed for good on 5xx or after the retry window. */
import { afterEach, expect, it } from 'vitest';
import type { SessionUser } from '../../app/model/user';
import { createApp, type HarborApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import type { DeliveryDoc } from './delivery-record';
import { messageIdHeader } from './message-id';
import type { JobDoc } from './outbound-job';
import type { OutboundTimings } from './outbound-timings';
import { freePort } from '../test-support/free-port';
import { addPeople, deliveryWhen, FAST_TIMINGS, MAIL_FROM, mailTo, newTicket, reply, SUPPORT } from './outbound-test-kit';
import { readSmtpFailure } from './smtp-failure';

let smtp: CaptureSmtp;
let harbor: HarborApp;
const opened: CaptureSmtp[] = [];
afterEach(async () => {
  await harbor.close();
  for (const server of opened.splice(0)) await server.close();
});

async function capture(options?: { port: number }): Promise<CaptureSmtp> {
  smtp = await startCaptureSmtp(options);
  opened.push(smtp);
  return smtp;
}

async function start(timings: Partial<OutboundTimings> = FAST_TIMINGS, mail = async () => mailTo(await capture())): Promise<{ ada: SessionUser; sam: SessionUser }> {
  harbor = await createApp(testConfig({ mail: await mail() }), { logger: createLogger({ silent: true }), outboundTimings: timings });
  return addPeople(harbor.storage);
}

/** The send job of `messageId` once `done` says so (polled until the deadline). */
async function jobWhen(messageId: string, done: (job: JobDoc) => boolean): Promise<JobDoc> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const job = (await harbor.storage.mail.get(`outbound-job:${messageId}`).catch(() => undefined)) as JobDoc | undefined;
    if (job && done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the job of ${messageId} did not get there`);
}

const emailReply = { channel: 'email' as const, authorRole: 'agent' as const };

it('keeps a mail queued with its reason while the SMTP server refuses for now, then sends it once', async () => {
  const { ada, sam } = await start();
  smtp.refuseNext(2, 'temporary', 'Greylisted, try again later');
  const ticket = await newTicket(harbor.storage, ada);
  const message = await reply(harbor.storage, ticket, sam, emailReply);
  const waiting = await deliveryWhen(harbor.storage, message.id, (d) => d.attempts >= 1);
  expect(waiting).toMatchObject({ state: 'queued', reason: expect.stringContaining('Greylisted') });
  const sent = await deliveryWhen(harbor.storage, message.id, (d) => d.state === 'sent');
  expect(sent).toMatchObject<Partial<DeliveryDoc>>({ id: message.id, messageId: message.id, ticketId: ticket.id, attempts: 3, reason: null, schemaVersion: 1 });
  expect(smtp.refusedCount()).toBe(2);
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([messageIdHeader(message.id, SUPPORT)]);
});

it('keeps a mail queued while the SMTP server cannot be reached, and sends it once when it is back', async () => {
  const port = await freePort();
  const { ada, sam } = await start(FAST_TIMINGS, async () => ({ outbound: { smtpUrl: `smtp://127.0.0.1:${port}`, from: MAIL_FROM, address: SUPPORT } }));
  const ticket = await newTicket(harbor.storage, ada);
  const message = await reply(harbor.storage, ticket, sam, emailReply);
  const waiting = await deliveryWhen(harbor.storage, message.id, (d) => d.attempts >= 2);
  expect(waiting).toMatchObject({ state: 'queued', reason: expect.stringContaining('ECONNREFUSED') });
  await capture({ port });
  const sent = await deliveryWhen(harbor.storage, message.id, (d) => d.state === 'sent');
  expect(sent.reason).toBeNull();
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([messageIdHeader(message.id, SUPPORT)]);
});

it('fails a mail the SMTP server refuses for good, with its reason, and never tries it again', async () => {
  const { ada, sam } = await start();
  smtp.refuseNext(1, 'permanent', 'No such mailbox');
  const ticket = await newTicket(harbor.storage, ada);
  const message = await reply(harbor.storage, ticket, sam, emailReply);
  const failed = await deliveryWhen(harbor.storage, message.id, (d) => d.state === 'failed');
  expect(failed).toMatchObject({ attempts: 1, reason: expect.stringContaining('550') });
  expect(failed.reason).toContain('No such mailbox');
  // Later mail goes out, and the failed one is not tried again meanwhile.
  const later = await reply(harbor.storage, ticket, sam, emailReply);
  await deliveryWhen(harbor.storage, later.id, (d) => d.state === 'sent');
  expect(smtp.refusedCount()).toBe(1);
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([messageIdHeader(later.id, SUPPORT)]);
  expect((await harbor.storage.deliveries.get(message.id)).attempts).toBe(1);
});

it('fails a mail still refused for now when the retry window has passed', async () => {
  const { ada, sam } = await start({ ...FAST_TIMINGS, giveUpMs: 300 });
  smtp.refuseNext(1_000, 'temporary');
  const ticket = await newTicket(harbor.storage, ada);
  const message = await reply(harbor.storage, ticket, sam, emailReply);
  const failed = await deliveryWhen(harbor.storage, message.id, (d) => d.state === 'failed');
  expect(failed.attempts).toBeGreaterThan(1);
  expect(failed.reason).toContain('Try again later');
  expect(failed.reason).toContain('given up');
  expect(smtp.mails).toHaveLength(0);
});

it('waits for the ticket’s number before it mails', async () => {
  const { ada, sam } = await start();
  const ticket = await newTicket(harbor.storage, ada);
  // As in cluster mode, where the index leader numbers a ticket a moment after it arrives.
  const stored = await harbor.storage.tickets.get(ticket.id);
  await harbor.storage.tickets.put({ ...stored, number: null });
  const message = await reply(harbor.storage, ticket, sam, emailReply);
  await deliveryWhen(harbor.storage, message.id, (d) => d.state === 'queued');
  await jobWhen(message.id, (job) => job.nextAttemptAt > job.queuedAt); // looked at, and put back to wait
  const unnumbered = await harbor.storage.tickets.get(ticket.id);
  expect(smtp.mails).toHaveLength(0);
  expect((await harbor.storage.deliveries.get(message.id)).attempts).toBe(0);
  await harbor.storage.tickets.put({ ...unnumbered, number: 7 });
  expect((await smtp.nextMail()).parsed.subject).toBe('[TK-7] Invoice shows the wrong VAT number');
  expect((await deliveryWhen(harbor.storage, message.id, (d) => d.state === 'sent')).attempts).toBe(1);
});

it('reads SMTP failures: 5xx is permanent, 4xx and no answer are worth retrying', () => {
  expect(readSmtpFailure(Object.assign(new Error('x'), { responseCode: 550, response: '550 No such user' }))).toEqual({ permanent: true, reason: '550 No such user' });
  expect(readSmtpFailure(Object.assign(new Error('x'), { responseCode: 421, response: '421 Busy' }))).toEqual({ permanent: false, reason: '421 Busy' });
  expect(readSmtpFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' }))).toEqual({ permanent: false, reason: 'connect ECONNREFUSED 127.0.0.1:1' });
});
