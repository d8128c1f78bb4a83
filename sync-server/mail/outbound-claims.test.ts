/** A claim is renewed while its mail is sent: a second server over the same storage never takes over a slow send. */
import { afterEach, expect, it } from 'vitest';
import { createApp, type HarborApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { fakeFeedIndex } from '../test-support/fake-feed-index';
import { messageIdHeader } from './message-id';
import { startOutboundWorker, type OutboundWorker } from './outbound-worker';
import { addPeople, deliveryWhen, FAST_TIMINGS, mailTo, newTicket, reply, SUPPORT } from './outbound-test-kit';

let smtp: CaptureSmtp;
let harbor: HarborApp;
let second: OutboundWorker;
afterEach(async () => {
  await second.close();
  await harbor.close();
  await smtp.close();
});

const generation = (rev: string) => Number.parseInt(rev, 10);
/** A short lease, and (as always in these suites) an SMTP timeout longer than the held answer. */
const timings = FAST_TIMINGS;

it('keeps the claim of a send that lasts longer than the lease, so the other server sends nothing', async () => {
  smtp = await startCaptureSmtp();
  const config = testConfig({ mail: mailTo(smtp) });
  const logger = createLogger({ silent: true });
  harbor = await createApp(config, { logger, outboundTimings: timings });
  second = await startOutboundWorker({
    storage: harbor.storage, index: fakeFeedIndex(() => []).index, outbound: config.mail.outbound!, config, logger, timings,
  });
  const { ada, sam } = await addPeople(harbor.storage);
  const ticket = await newTicket(harbor.storage, ada);
  const held = smtp.holdNext();
  const slow = await reply(harbor.storage, ticket, sam, { channel: 'portal', authorRole: 'agent' });
  await held.arrived;
  // The job's revision moves with each renewal: after four of them the lease would have lapsed twice without them.
  const jobId = `outbound-job:${slow.id}`;
  const claimed = generation((await harbor.storage.mail.get(jobId))._rev);
  const deadline = Date.now() + 4 * timings.leaseMs!;
  while (Date.now() < deadline && generation((await harbor.storage.mail.get(jobId))._rev) < claimed + 4) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  held.release();
  await deliveryWhen(harbor.storage, slow.id, (d) => d.state === 'sent');
  const after = await reply(harbor.storage, ticket, sam, { channel: 'portal', authorRole: 'agent' });
  await deliveryWhen(harbor.storage, after.id, (d) => d.state === 'sent');
  expect(smtp.mails.map((mail) => mail.parsed.messageId)).toEqual([slow.id, after.id].map((id) => messageIdHeader(id, SUPPORT)));
});
