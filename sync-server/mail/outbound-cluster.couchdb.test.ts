/** Two servers over one CouchDB (whose feed rewinds now and then) and one Redis: each mail is queued and sent once, by one of them. */
import { afterEach, expect, inject, it } from 'vitest';
import { createApp, type HarborApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { rewindingCouchUrl, testStorageLocation } from '../test-support/test-storage';
import { messageIdHeader } from './message-id';
import { addPeople, deliveryWhen, FAST_TIMINGS, mailTo, newTicket, reply, SUPPORT } from './outbound-test-kit';

let smtp: CaptureSmtp;
const servers: HarborApp[] = [];
afterEach(async () => {
  // The first server drops the databases when it closes: it goes last.
  for (const server of servers.splice(0).reverse()) await server.close();
  await smtp.close();
});

it('sends each mail once when two servers follow the same messages', async () => {
  smtp = await startCaptureSmtp();
  const location = testStorageLocation(rewindingCouchUrl());
  if (location.kind !== 'couchdb') throw new Error('this suite runs over CouchDB');
  const start = (dropOnClose: boolean) =>
    createApp(testConfig({ storage: { ...location, dropOnClose }, redisUrl: inject('redisUrl'), mail: mailTo(smtp) }), {
      logger: createLogger({ silent: true }), outboundTimings: FAST_TIMINGS,
    });
  servers.push(await start(true));
  servers.push(await start(false));
  const [a, b] = servers as [HarborApp, HarborApp];
  const { ada, sam } = await addPeople(a.storage);
  const ticket = await newTicket(a.storage, ada);
  smtp.refuseNext(2, 'temporary'); // two retries to contend for too

  const sent = [];
  for (let i = 0; i < 8; i++) {
    const through = i % 2 === 0 ? a : b;
    sent.push(await reply(through.storage, ticket, sam, { channel: i % 3 === 0 ? 'portal' : 'email', authorRole: 'agent', body: `Reply ${i}` }));
  }
  for (const message of sent) await deliveryWhen(b.storage, message.id, (d) => d.state === 'sent', 30_000);
  // A later mail sent means the servers had every chance to send an earlier one twice.
  const last = await reply(a.storage, ticket, sam, { channel: 'email', authorRole: 'agent', body: 'last' });
  await deliveryWhen(a.storage, last.id, (d) => d.state === 'sent', 30_000);

  const ids = smtp.mails.map((mail) => mail.parsed.messageId);
  expect(ids).toHaveLength(sent.length + 1);
  expect(new Set(ids)).toEqual(new Set([...sent, last].map((message) => messageIdHeader(message.id, SUPPORT))));
  expect(smtp.refusedCount()).toBe(2);
  // Threading read through the Redis index, whichever server sent: each email reply names every reply before it.
  const order = [...sent, last].map((message) => messageIdHeader(message.id, SUPPORT));
  for (const mail of smtp.mails) {
    const at = order.indexOf(mail.parsed.messageId!);
    if ([...sent, last][at]!.channel !== 'email') continue;
    expect([mail.parsed.references].flat(), `references of reply ${at}`).toEqual(order.slice(0, at));
  }
});
