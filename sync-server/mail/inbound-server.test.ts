/** The inbound listener: only our recipients, at most 25 MB, bad input answered and survived, and new mail live in the feeds. */
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signedInAgent } from '../test-support/test-app';
import { MAX_MESSAGE_BYTES } from './inbound-server';
import { createInboundWorld, mailedTicket, messagesOf, refusalCode, SUPPORT, ticketsOf, type InboundWorld } from './inbound-test-helpers';

let world: InboundWorld;
afterEach(async () => {
  await world?.close();
});

const CHANGES = '_changes?style=all_docs&include_docs=true&heartbeat=60000&limit=50&seq_interval=50';

/** Talks SMTP by hand: after the greeting and after each reply sends the next line; resolves with every reply's last line. */
function converse(port: number, lines: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const answers: string[] = [];
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      let end: number;
      while ((end = received.indexOf('\r\n')) >= 0) {
        const line = received.slice(0, end);
        received = received.slice(end + 2);
        if (!/^\d{3} /.test(line)) continue;
        answers.push(line);
        const next = lines[answers.length - 1];
        if (next === undefined) {
          socket.destroy();
          return resolve(answers);
        }
        socket.write(`${next}\r\n`);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answers));
  });
}

describe('the inbound listener', () => {
  it('refuses a recipient that is not ours at RCPT, and a look-alike domain or token too', async () => {
    world = await createInboundWorld();
    for (const to of ['someone@elsewhere.example', 'sales@acme.example', 'support@acme.example.evil', 'support+short@acme.example']) {
      expect(await refusalCode(world.send({ from: 'ada@example.com', to, subject: 'Relay me', text: 'Please pass this on.' }))).toBe(550);
    }
    expect(await world.app.storage.tickets.docCount()).toBe(0);
  });

  it('refuses a message over 25 MB with 552, declared or not, and keeps nothing', async () => {
    world = await createInboundWorld();
    const line = `${'x'.repeat(998)}\r\n`;
    const body = line.repeat(Math.ceil(MAX_MESSAGE_BYTES / line.length) + 10);
    const raw = `From: ada@example.com\r\nTo: ${SUPPORT}\r\nSubject: Huge\r\n\r\n${body}`;
    // nodemailer declares the size (MAIL FROM … SIZE=n): refused before the bytes are sent.
    expect(await refusalCode(world.send({ envelope: { from: 'ada@example.com', to: SUPPORT }, raw }))).toBe(552);
    // Undeclared: the bytes are counted as they come and the message refused at its end.
    const answers = await converse(world.inbound.port, ['EHLO test', 'MAIL FROM:<ada@example.com>', `RCPT TO:<${SUPPORT}>`, 'DATA', `${raw}.`, 'QUIT']);
    expect(answers.map((answer) => answer.slice(0, 3))).toEqual(['220', '250', '250', '250', '354', '552', '221']);
    expect(await world.app.storage.tickets.docCount()).toBe(0);
  });

  it('answers a malformed message and garbage commands with SMTP errors, and takes the next mail', async () => {
    world = await createInboundWorld();
    const raw = 'this is not a mail at all\r\n';
    expect(await refusalCode(world.send({ envelope: { from: 'ada@example.com', to: SUPPORT }, raw }))).toBe(550);
    const answers = await converse(world.inbound.port, ['EHLO test', '\u0000\u00ff GARBAGE \u0001', 'MAIL FROM:<not an address', 'RCPT TO:<support@acme.example>']);
    expect(answers).toHaveLength(5);
    expect(answers.slice(0, 2).map((answer) => answer.slice(0, 4))).toEqual(['220 ', '250 ']);
    expect(answers.slice(2).every((answer) => /^5\d\d /.test(answer))).toBe(true);
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'After the noise', text: 'This one is a real question.' });
    expect(await ticketsOf(world, world.ada.id)).toHaveLength(1);
  });

  it("reaches an agent's open longpoll and the customer's portal feed without a restart", async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world);
    const sam = await signedInAgent(world.app.app, 'sam@example.com');
    const before = await sam.get(`/db/messages/${CHANGES}&feed=normal&since=0`);
    const waiting = sam.get(`/db/messages/${CHANGES}&feed=longpoll&since=${encodeURIComponent(String(before.body.last_seq))}`);
    const sending = world.send({ from: 'ada@example.com', to: mailed.replyTo, subject: 'Re: router', text: 'Thanks, all good now.' });
    const [woken] = await Promise.all([waiting, sending]);
    const reply = (await messagesOf(world, mailed.ticket.id)).find((message) => message.authorRole === 'customer')!;
    expect(woken.body.results.map((row: { id: string }) => row.id)).toContain(reply.id);
    const ada = await signedInAgent(world.app.app, 'ada@example.com');
    const portal = await ada.get(`/db/messages/${CHANGES}&feed=normal&since=0`);
    expect(portal.body.results.map((row: { doc: { body: string } }) => row.doc.body)).toContain('Thanks, all good now.');
  });
});
