/** Two servers over one CouchDB and one Redis: one reset link used through both at once signs in exactly once, and each account mail is sent once. */
import request from 'supertest';
import { afterEach, expect, inject, it } from 'vitest';
import { createApp, type HarborApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { addUser } from '../test-support/test-app';
import { testStorageLocation } from '../test-support/test-storage';
import { ACCOUNT_MAIL_JOB_PREFIX } from './account-mail-job';
import { linkOf } from './account-mail-test-kit';
import { FAST_TIMINGS, mailTo } from './outbound-test-kit';

let smtp: CaptureSmtp;
const servers: HarborApp[] = [];
afterEach(async () => {
  // The first server drops the databases when it closes: it goes last.
  for (const server of servers.splice(0).reverse()) await server.close();
  await smtp.close();
});

it('lets exactly one of two servers use a link, and sends each requested mail once', async () => {
  smtp = await startCaptureSmtp();
  const location = testStorageLocation();
  if (location.kind !== 'couchdb') throw new Error('this suite runs over CouchDB');
  const start = (dropOnClose: boolean) =>
    createApp(testConfig({ storage: { ...location, dropOnClose }, redisUrl: inject('redisUrl'), mail: mailTo(smtp) }), {
      logger: createLogger({ silent: true }), outboundTimings: FAST_TIMINGS,
    });
  servers.push(await start(true));
  servers.push(await start(false));
  const [a, b] = servers as [HarborApp, HarborApp];
  await addUser(a.storage, { role: 'customer', email: 'ada@example.com' });

  const rounds = 4;
  for (let round = 0; round < rounds; round++) {
    // Asked through either server; whichever claims the job sends it.
    expect((await request(round % 2 ? a.app : b.app).post('/api/password-reset').send({ email: 'ada@example.com' })).status).toBe(202);
    const { token } = linkOf(await smtp.nextMail());
    const body = { token, password: `new-password-${round}` };
    const answers = await Promise.all([a, b, a, b].map((server) => request(server.app).post('/api/password-reset/confirm').send(body)));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 410, 410, 410]);
    for (const res of answers.filter((each) => each.status === 410)) expect(res.body.error).toBe('link_used');
  }
  // Every job finished (a sent one is removed): nothing is left that could still send a mail twice.
  const deadline = Date.now() + 10_000;
  while ((await a.storage.mail.allDocs({ startkey: ACCOUNT_MAIL_JOB_PREFIX, endkey: `${ACCOUNT_MAIL_JOB_PREFIX}\uffff` })).length > 0) {
    if (Date.now() > deadline) throw new Error('account mail jobs were left');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(smtp.mails).toHaveLength(rounds);
});
