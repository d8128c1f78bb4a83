/** Inbound mail in cluster mode (CouchDB + Redis): a reply lands once, and a new sender's account is counted in Redis. */
import { afterEach, expect, it } from 'vitest';
import { findUserByEmail } from '../services/accounts';
import { signedInAgent } from '../test-support/test-app';
import { createInboundWorld, mailedTicket, messagesOf, refusalCode, SUPPORT, ticketsOf, type InboundWorld } from './inbound-test-helpers';

let world: InboundWorld;
afterEach(async () => {
  await world?.close();
});

it('adds the customer’s reply to its conversation once, and the agent’s feed has it', async () => {
  world = await createInboundWorld();
  expect(world.app.storage.engine).toBe('couchdb');
  const mailed = await mailedTicket(world);
  const mail = {
    from: 'ada@example.com', to: mailed.replyTo, subject: 'Re: router', messageId: '<cluster-1@mail.example.com>',
    text: 'Fixed, thank you.\n\nOn Mon, Sam wrote:\n> Please try restarting the router.\n', references: [mailed.messageIdHeader],
  };
  await world.send(mail);
  await world.send(mail);
  const messages = await messagesOf(world, mailed.ticket.id);
  expect(messages.map((message) => [message.authorRole, message.channel, message.body])).toEqual([
    ['agent', 'email', 'Please try restarting the router.'], ['customer', 'email', 'Fixed, thank you.'],
  ]);
  const sam = await signedInAgent(world.app.app, 'sam@example.com');
  const feed = await sam.get('/db/messages/_changes?style=all_docs&feed=normal&include_docs=true&since=0&limit=50');
  expect(feed.body.results.map((row: { id: string }) => row.id)).toContain(messages[1]!.id);
});

it('counts accounts made by mail in Redis', async () => {
  world = await createInboundWorld({ perDomain: 1, overall: 10, windowMs: 60_000 });
  await world.send({ from: 'one@new.example', to: SUPPORT, subject: 'First question', text: 'How do I reset it?' });
  const one = await findUserByEmail(world.app.storage, 'one@new.example');
  expect(await ticketsOf(world, one!.id)).toHaveLength(1);
  expect(await refusalCode(world.send({ from: 'two@new.example', to: SUPPORT, subject: 'Second', text: 'How do I reset it?' }))).toBe(451);
  const keys = await world.app.redis!.command(['KEYS', `${world.app.redis!.prefix}:mail-accounts:*`]);
  expect((keys as string[]).length).toBeGreaterThan(0);
});
