/**
 * A kill -9 of the server process after the SMTP server took a mail and before "sent" was recorded: the restarted
 * server sends it again once its claim lapses, the same mail with the same Message-ID, and nothing else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { signInOver } from '../faults/server-state';
import { startServerProcess, type ServerProcess } from '../faults/server-process';
import { openStorage } from '../services/storage';
import { TEST_PASSWORD } from '../test-support/test-app';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import type { DeliveryDoc } from './delivery-record';
import { messageIdHeader } from './message-id';
import { addPeople, aReply, FAST_TIMINGS, MAIL_FROM, newTicket, SUPPORT } from './outbound-test-kit';

let dataDir: string;
let smtp: CaptureSmtp;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill();
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('repeats at most the same mail with the same Message-ID after a kill -9 mid-send', async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'harbor-mail-kill-'));
  const before = await openStorage({ kind: 'leveldb', dataDir });
  const { ada, sam } = await addPeople(before);
  const ticket = await newTicket(before, ada);
  await before.close();

  smtp = await startCaptureSmtp();
  const held = smtp.holdNext();
  server = await startServerProcess(dataDir, {
    SMTP_URL: smtp.url, MAIL_FROM, NODE_ENV: 'test', HARBOR_TEST_MAIL_TIMINGS: JSON.stringify(FAST_TIMINGS),
  });
  const base = `http://127.0.0.1:${server.port}`;
  const { cookie } = await signInOver(base, sam.email, TEST_PASSWORD);
  const { id, ...fields } = aReply(ticket, sam, { channel: 'email', authorRole: 'agent', body: 'Sent across a crash' });
  const pushed = await fetch(`${base}/db/messages/_bulk_docs`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ docs: [{ _id: id, ...fields }] }),
  });
  expect(pushed.status).toBe(201);

  // The SMTP server has the whole mail; the sender dies before it hears "250".
  await held.arrived;
  await server.kill();
  held.release();
  await server.restart();
  const mails = await smtp.untilMails(2);
  await server.stop(); // SIGTERM: the send in flight is recorded before the process ends
  server = undefined;

  expect(mails.map((mail) => mail.parsed.messageId)).toEqual([messageIdHeader(id, SUPPORT), messageIdHeader(id, SUPPORT)]);
  expect(mails[1]!.parsed.text).toBe(mails[0]!.parsed.text);
  const after = await openStorage({ kind: 'leveldb', dataDir });
  try {
    expect(await after.deliveries.get(id)).toMatchObject<Partial<DeliveryDoc>>({ state: 'sent', attempts: 1 });
  } finally {
    await after.close();
  }
});
