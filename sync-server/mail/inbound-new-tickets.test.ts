/** Mail that answers nothing opens a ticket: for a known customer, or a new password-less one (rate-limited); HTML as text; files stored. */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../services/accounts';
import { signedInAgent } from '../test-support/test-app';
import { createInboundWorld, messagesOf, refusalCode, SUPPORT, ticketsOf, type InboundWorld } from './inbound-test-helpers';

let world: InboundWorld;
afterEach(async () => {
  await world?.close();
});

/** A 1×1 PNG: the sniffer knows it as image/png. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('a new ticket by mail', () => {
  it('from a known customer to the plain address opens an email ticket: subject from the mail, first message its body', async () => {
    world = await createInboundWorld();
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Fwd: Printer on fire', text: 'The printer in room 4 is on fire.' });
    const [ticket, ...others] = await ticketsOf(world, world.ada.id);
    expect(others).toEqual([]);
    expect(ticket).toMatchObject({ subject: 'Printer on fire', status: 'open', priority: 'medium', customerName: 'Ada Lovelace', number: 1 });
    expect(await messagesOf(world, ticket!.id)).toMatchObject([
      { id: ticket!.id, conversationId: ticket!.id, channel: 'email', authorRole: 'customer', authorId: world.ada.id, body: 'The printer in room 4 is on fire.' },
    ]);
  });

  it('from an unknown address makes a customer without a password, who cannot sign in', async () => {
    world = await createInboundWorld();
    await world.send({ from: 'Charles Babbage <charles@engines.example>', to: SUPPORT, subject: 'Difference engine', text: 'The crank is stuck again.' });
    const charles = await findUserByEmail(world.app.storage, 'charles@engines.example');
    expect(charles).toMatchObject({ name: 'Charles Babbage', role: 'customer' });
    const [ticket] = await ticketsOf(world, charles!.id);
    expect(ticket).toMatchObject({ subject: 'Difference engine', customerName: 'Charles Babbage' });
    for (const password of ['', 'correct-horse-battery']) {
      expect((await request(world.app.app).post('/api/session').send({ email: 'charles@engines.example', password })).status).not.toBe(200);
    }
  });

  it('makes accounts at the limit per sender domain and then defers (451), storing nothing', async () => {
    world = await createInboundWorld({ perDomain: 1, overall: 10, windowMs: 60_000 });
    await world.send({ from: 'one@spam.example', to: SUPPORT, subject: 'Offer one', text: 'Buy our things today.' });
    const second = world.send({ from: 'two@spam.example', to: SUPPORT, subject: 'Offer two', text: 'Buy our things today.' });
    expect(await refusalCode(second)).toBe(451);
    expect(await findUserByEmail(world.app.storage, 'two@spam.example')).toBeNull();
    // A known customer is never counted.
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Still here', text: 'Just a new question.' });
    expect(await ticketsOf(world, world.ada.id)).toHaveLength(1);
  });

  it('takes an HTML-only mail as plain text, never as markup', async () => {
    world = await createInboundWorld();
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Styled', html: '<p>Hello <b>there</b>, the <i>invoice</i> is wrong.</p><script>alert(1)</script>' });
    const [ticket] = await ticketsOf(world, world.ada.id);
    const [message] = await messagesOf(world, ticket!.id);
    expect(message!.body).toBe('Hello there, the invoice is wrong.');
  });

  it('stores an attachment for the customer and the ticket, named on the message with its hash', async () => {
    world = await createInboundWorld();
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Screenshot', text: 'See the screenshot attached.', attachments: [{ filename: 'screen/shot.png', content: PNG, contentType: 'image/png' }] });
    const [ticket] = await ticketsOf(world, world.ada.id);
    const [message] = await messagesOf(world, ticket!.id);
    const sha256 = createHash('sha256').update(PNG as Uint8Array).digest('hex');
    expect(message!.attachments).toEqual([{ id: expect.any(String), name: 'shot.png', type: 'image/png', size: PNG.length, sha256 }]);
    const stored = await world.app.storage.attachments.get(message!.attachments![0]!.id);
    expect(stored).toMatchObject({ ticketId: ticket!.id, customerId: world.ada.id, uploaderId: world.ada.id, sniffedType: 'image/png', sha256 });
    const ada = await signedInAgent(world.app.app, 'ada@example.com');
    const download = await ada.get(`/api/attachments/${message!.attachments![0]!.id}`).buffer(true);
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(download.body as Uint8Array).digest('hex')).toBe(sha256);
  });

  it('refuses a text too short to open a ticket, leaving no ticket', async () => {
    world = await createInboundWorld();
    expect(await refusalCode(world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Hi', text: 'Help' }))).toBe(550);
    expect(await ticketsOf(world, world.ada.id)).toEqual([]);
  });
});

describe('mail from robots', () => {
  it('an auto-reply and a bounce are accepted and open or touch nothing', async () => {
    world = await createInboundWorld();
    const robots = [
      { from: 'ada@example.com', to: SUPPORT, subject: 'Out of office', text: 'I am away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } },
      { from: 'ada@example.com', to: SUPPORT, subject: 'Newsletter', text: 'Our monthly news for you.', headers: { Precedence: 'bulk' } },
      { from: 'ada@example.com', to: SUPPORT, subject: 'Away', text: 'I am away until Monday.', headers: { 'X-Autoreply': 'yes' } },
      { from: 'MAILER-DAEMON@mx.example.com', to: SUPPORT, subject: 'Undelivered Mail Returned to Sender', text: 'This is the mail system at host mx.example.com.' },
      { from: 'postmaster@mx.example.com', to: SUPPORT, subject: 'Delivery Status Notification', text: 'Your message could not be delivered.' },
      { from: 'nobody@mx.example.com', to: SUPPORT, subject: 'Report', text: 'A delivery report.', headers: { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' } },
    ];
    for (const mail of robots) expect((await world.send(mail)).response).toMatch(/^250 .*automatic/);
    expect(await world.app.storage.tickets.docCount()).toBe(0);
    expect(await findUserByEmail(world.app.storage, 'mailer-daemon@mx.example.com')).toBeNull();
    expect(await findUserByEmail(world.app.storage, 'nobody@mx.example.com')).toBeNull();
  });

  it('a person\'s mail marked Auto-Submitted: no is not a robot\'s', async () => {
    world = await createInboundWorld();
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Written by me', text: 'A question I typed myself.', headers: { 'Auto-Submitted': 'no' } });
    expect(await ticketsOf(world, world.ada.id)).toHaveLength(1);
  });
});
