/** Turning mail on over an existing portal mails nothing written before, also when the feed is read again from its start. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp, type HarborApp } from '../app';
import { testConfig, type ServerConfig } from '../config';
import { createLogger } from '../logger';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { messageIdHeader } from './message-id';
import { addPeople, deliveryWhen, FAST_TIMINGS, mailTo, newTicket, reply, SUPPORT } from './outbound-test-kit';

let dataDir: string;
let smtp: CaptureSmtp;
let harbor: HarborApp | undefined;
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'harbor-mail-start-'));
  smtp = await startCaptureSmtp();
});
afterEach(async () => {
  await harbor?.close();
  harbor = undefined;
  await smtp.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(mail: ServerConfig['mail']): Promise<HarborApp> {
  await harbor?.close();
  harbor = await createApp(testConfig({ storage: { kind: 'leveldb', dataDir }, mail }), { logger: createLogger({ silent: true }), outboundTimings: FAST_TIMINGS });
  return harbor;
}

it('mails only what is written after mail was turned on, also after a restart that reads the feed from its start', async () => {
  const { storage } = await open({});
  const { ada, sam } = await addPeople(storage);
  const ticket = await newTicket(storage, ada);
  const old = [
    await reply(storage, ticket, sam, { channel: 'email', authorRole: 'agent', body: 'old email reply' }),
    await reply(storage, ticket, sam, { channel: 'portal', authorRole: 'agent', body: 'old portal reply' }),
  ];
  // With mail off (no SMTP_URL) nothing is recorded or queued.
  expect([await storage.mail.isPristine(), await storage.deliveries.isPristine()]).toEqual([true, true]);

  const on = await open(mailTo(smtp));
  const fresh = await reply(on.storage, ticket, sam, { channel: 'email', authorRole: 'agent', body: 'new reply' });
  await deliveryWhen(on.storage, fresh.id, (d) => d.state === 'sent');
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([messageIdHeader(fresh.id, SUPPORT)]);
  for (const message of old) await expect(on.storage.deliveries.get(message.id)).rejects.toMatchObject({ status: 404 });

  // As after `npm run migrate` (the positions are another engine's) or a CouchDB feed that rewinds: the next start reads the whole feed again.
  for (const id of ['outbound-checkpoint', 'outbound-mark']) {
    const doc = await on.storage.mail.get(id);
    await on.storage.mail.put({ ...doc, engine: 'couchdb', seq: '0' });
  }
  const again = await open(mailTo(smtp));
  const later = await reply(again.storage, ticket, sam, { channel: 'email', authorRole: 'agent', body: 'later reply' });
  await deliveryWhen(again.storage, later.id, (d) => d.state === 'sent');
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([messageIdHeader(fresh.id, SUPPORT), messageIdHeader(later.id, SUPPORT)]);
  for (const message of old) await expect(again.storage.deliveries.get(message.id)).rejects.toMatchObject({ status: 404 });
  // The references still name the old public replies: they are the conversation's history, only never mailed.
  expect(smtp.mails[1]!.parsed.references).toEqual([...old, fresh].map((message) => messageIdHeader(message.id, SUPPORT)));
});
