/** Replies by mail: onto the right conversation, trimmed, once; a forged sender refused; resolved and closed tickets. */
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../app/model/ids';
import { writeDocuments } from '../services/document-writer';
import { messageIdHeader as harborMessageIdHeader } from './message-id';
import { createInboundWorld, mailedTicket, messagesOf, refusalCode, SUPPORT, ticketsOf, type InboundWorld } from './inbound-test-helpers';

let world: InboundWorld;
afterEach(async () => {
  await world?.close();
});

const QUOTED = 'Thanks, restarting fixed it!\n\nBest,\nAda\n\nOn Mon, Dec 7, 2026 at 10:00 AM Acme Support <support@acme.example> wrote:\n> Please try restarting the router.\n> Sam\n';

describe('a reply by mail', () => {
  it('from the customer lands on its conversation as an email message, quoted history trimmed', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world);
    const sent = await world.send({
      from: 'Ada Lovelace <Ada@Example.com>', to: mailed.replyTo, subject: `Re: [TK-${mailed.ticket.number}] ${mailed.ticket.subject}`,
      text: QUOTED, inReplyTo: mailed.messageIdHeader, references: [mailed.messageIdHeader],
    });
    expect(sent.response).toMatch(/^250 /);
    const [agent, reply, ...rest] = await messagesOf(world, mailed.ticket.id);
    expect(agent!.id).toBe(mailed.agentMessage.id);
    expect(rest).toEqual([]);
    expect(reply).toMatchObject({
      conversationId: mailed.agentMessage.conversationId, channel: 'email', visibility: 'public', authorRole: 'customer',
      authorId: world.ada.id, authorName: 'Ada Lovelace', customerId: world.ada.id, body: 'Thanks, restarting fixed it!\n\nBest,\nAda',
    });
  });

  it('with the same Message-ID twice is stored once', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world);
    const mail = { from: 'ada@example.com', to: mailed.replyTo, subject: 'Re: router', text: 'Still broken.', messageId: '<dup-1@mail.example.com>' };
    await world.send(mail);
    expect((await world.send(mail)).response).toMatch(/^250 .*already received/);
    expect((await messagesOf(world, mailed.ticket.id)).map((message) => message.body)).toEqual(['Please try restarting the router.', 'Still broken.']);
  });

  it('from another address, with a valid token and References, is refused and nothing is stored', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world);
    const forged = world.send({
      from: 'Mallory <mallory@evil.example>', to: mailed.replyTo, subject: 'Re: router', text: 'Send the invoice to me.',
      inReplyTo: mailed.messageIdHeader, references: [mailed.messageIdHeader],
    });
    expect(await refusalCode(forged)).toBe(550);
    // The same with the plain address and only References pointing at Harbor's message.
    const byReference = world.send({ from: 'mallory@evil.example', to: SUPPORT, subject: 'Re: router', text: 'Me again, hello.', references: [mailed.messageIdHeader] });
    expect(await refusalCode(byReference)).toBe(550);
    expect(await messagesOf(world, mailed.ticket.id)).toHaveLength(1);
    expect(await world.app.storage.users.get('email:mallory@evil.example').catch((error: { status: number }) => error.status)).toBe(404);
  });

  it('found by its References alone, sent to the plain address by the customer, lands on the conversation', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world);
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Re: router', text: 'It works now.', references: ['<other@elsewhere.example>', mailed.messageIdHeader] });
    const messages = await messagesOf(world, mailed.ticket.id);
    expect(messages.map((message) => [message.conversationId, message.body])).toEqual([
      [mailed.agentMessage.conversationId, 'Please try restarting the router.'], [mailed.agentMessage.conversationId, 'It works now.'],
    ]);
  });

  it('naming an internal note is not a reply to it: the note never left Harbor', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world);
    const note = { ...mailed.agentMessage, id: newId(), conversationId: newId(), visibility: 'internal' as const, body: 'Ada is a VIP.' };
    const { id: _id, ...fields } = note;
    await writeDocuments({ storage: world.app.storage }, world.sam, 'messages', [{ _id, ...fields }]);
    await world.send({ from: 'ada@example.com', to: SUPPORT, subject: 'Guessing', text: 'Is this the secret thread?', references: [harborMessageIdHeader(note.id, SUPPORT)] });
    expect(await messagesOf(world, mailed.ticket.id)).toHaveLength(2);
    expect(await ticketsOf(world, world.ada.id)).toHaveLength(2);
  });

  it('reopens a resolved ticket', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world, 'resolved');
    await world.send({ from: 'ada@example.com', to: mailed.replyTo, subject: 'Re: router', text: 'It broke again.' });
    const [ticket] = await ticketsOf(world, world.ada.id);
    expect(ticket).toMatchObject({ id: mailed.ticket.id, status: 'open' });
    expect(ticket!.statusChangedAt).toBeGreaterThan(mailed.ticket.statusChangedAt);
    expect(await messagesOf(world, mailed.ticket.id)).toHaveLength(2);
  });

  it('to a closed ticket opens a new ticket whose first message names the old one', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world, 'closed');
    await world.send({ from: 'ada@example.com', to: mailed.replyTo, subject: `Re: [TK-${mailed.ticket.number}] ${mailed.ticket.subject}`, text: 'The VAT number is wrong again.' });
    expect(await messagesOf(world, mailed.ticket.id)).toHaveLength(1);
    const fresh = (await ticketsOf(world, world.ada.id)).find((ticket) => ticket.id !== mailed.ticket.id)!;
    expect(fresh).toMatchObject({ status: 'open', subject: mailed.ticket.subject, customerName: 'Ada Lovelace', number: mailed.ticket.number! + 1 });
    const [first] = await messagesOf(world, fresh.id);
    expect(first).toMatchObject({ id: fresh.id, conversationId: fresh.id, channel: 'email', authorRole: 'customer', body: `Follow-up to TK-${mailed.ticket.number}\n\nThe VAT number is wrong again.` });
  });

  it('is refused when the MTA recorded a DMARC failure', async () => {
    world = await createInboundWorld();
    const mailed = await mailedTicket(world);
    const failing = world.send({
      from: 'ada@example.com', to: mailed.replyTo, subject: 'Re: router', text: 'Looks like Ada.',
      headers: { 'Authentication-Results': 'mx.acme.example; spf=pass smtp.mailfrom=example.com; dmarc=fail (p=reject) header.from=example.com' },
    });
    expect(await refusalCode(failing)).toBe(550);
    expect(await messagesOf(world, mailed.ticket.id)).toHaveLength(1);
  });
});
