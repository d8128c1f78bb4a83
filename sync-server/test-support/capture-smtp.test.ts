/** The capture SMTP server the mail suites share: it keeps what it accepts, refuses on demand and can hold an answer. */
import nodemailer from 'nodemailer';
import { afterEach, expect, it } from 'vitest';
import { startCaptureSmtp, type CaptureSmtp } from './capture-smtp';

let smtp: CaptureSmtp;
afterEach(() => smtp.close());

const send = (subject: string) =>
  nodemailer.createTransport(smtp.url).sendMail({ from: 'support@acme.example', to: 'ada@example.com', subject, text: 'Hello' });

it('keeps each mail parsed, with its envelope', async () => {
  smtp = await startCaptureSmtp();
  await send('one');
  const mail = await smtp.nextMail();
  expect(mail.parsed.subject).toBe('one');
  expect(mail.parsed.text?.trim()).toBe('Hello');
  expect(mail.envelope).toEqual({ from: 'support@acme.example', to: ['ada@example.com'] });
  await send('two');
  expect((await smtp.untilMails(2)).map((each) => each.parsed.subject)).toEqual(['one', 'two']);
});

it('refuses the next mails with 451 or 550 and keeps none of them', async () => {
  smtp = await startCaptureSmtp();
  smtp.refuseNext(1, 'temporary');
  smtp.refuseNext(1, 'permanent', 'No such user');
  await expect(send('a')).rejects.toMatchObject({ responseCode: 451 });
  await expect(send('b')).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('No such user') });
  await send('c');
  expect((await smtp.untilMails(1)).map((each) => each.parsed.subject)).toEqual(['c']);
  expect(smtp.refusedCount()).toBe(2);
});

it('holds an answer: the mail is kept before the sender hears it was accepted', async () => {
  smtp = await startCaptureSmtp();
  const held = smtp.holdNext();
  let answered = false;
  const sending = send('held').then(() => (answered = true));
  expect((await held.arrived).parsed.subject).toBe('held');
  expect(answered).toBe(false);
  held.release();
  await sending;
  expect(answered).toBe(true);
});
