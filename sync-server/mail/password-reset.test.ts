/** Password reset by mail: the same answer for any address, a captured link that works once, expiry, other sessions ended, throttling. */
import { afterEach, expect, it } from 'vitest';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { addUser, createTestApp, signedInAgent, TEST_PASSWORD, type TestApp } from '../test-support/test-app';
import { ACCOUNT_MAIL_JOB_PREFIX } from './account-mail-job';
import { linkOf, mailingApp } from './account-mail-test-kit';

let smtp: CaptureSmtp | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  await smtp?.close();
  t = smtp = undefined;
});

async function start(options: Parameters<typeof mailingApp>[2] = {}, overrides: Parameters<typeof mailingApp>[1] = {}): Promise<TestApp> {
  smtp = await startCaptureSmtp();
  t = await mailingApp(smtp, overrides, options);
  await addUser(t.storage, { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace' });
  return t;
}

const ask = (a: TestApp, email: string) => a.agent().post('/api/password-reset').send({ email });

async function jobsLeft(a: TestApp): Promise<number> {
  return (await a.storage.mail.allDocs({ startkey: ACCOUNT_MAIL_JOB_PREFIX, endkey: `${ACCOUNT_MAIL_JOB_PREFIX}\uffff` })).length;
}

it('answers an existing and a missing address alike, and mails only the existing one, a link that works once', async () => {
  const a = await start();
  const missing = await ask(a, 'nobody@example.com');
  const existing = await ask(a, ' ADA@example.com ');
  expect(existing.status).toBe(202);
  expect({ status: missing.status, body: missing.body }).toEqual({ status: existing.status, body: existing.body });
  expect(existing.body).toEqual({ ok: true });
  const mail = await smtp!.nextMail();
  expect(mail.envelope.to).toEqual(['ada@example.com']);
  expect(mail.parsed.subject).toBe('Reset your password for Acme Support');
  expect(mail.parsed.from?.text).toContain('support@acme.example');
  expect(mail.parsed.text).toContain('1 hour');
  expect(mail.parsed.html).toContain('#token=');
  const { page, token } = linkOf(mail);
  expect(page).toBe('http://127.0.0.1:8080/reset-password');
  // Only the hash is stored: the token appears in no document, the sent job (with its sealed link) is gone.
  const stored = JSON.stringify(await a.storage.mail.allDocs({ includeDocs: true }));
  expect(stored).not.toContain(token);
  expect(await jobsLeft(a)).toBe(0);
  expect(smtp!.mails).toHaveLength(1);

  const browser = a.agent();
  const done = await browser.post('/api/password-reset/confirm').send({ token, password: 'a-new-password' });
  expect(done.status).toBe(200);
  expect(done.body).toEqual({ user: { id: expect.any(String), name: 'Ada Lovelace', email: 'ada@example.com', role: 'customer' } });
  expect((await browser.get('/api/session')).body.user.email).toBe('ada@example.com');
  await signedInAgent(a.app, 'ada@example.com', 'a-new-password');
  await expect(signedInAgent(a.app, 'ada@example.com', TEST_PASSWORD)).rejects.toThrow(/401/);

  const again = await a.agent().post('/api/password-reset/confirm').send({ token, password: 'another-password' });
  expect(again.status).toBe(410);
  expect(again.body).toEqual({ error: 'link_used', reason: 'This link was already used.' });
  const unknown = await a.agent().post('/api/password-reset/confirm').send({ token: 'not-a-token', password: 'another-password' });
  expect(unknown.body).toEqual({ error: 'link_invalid', reason: 'This link is not valid.' });
});

it('lets one of several requests racing with the same link in, the others 410 link_used', async () => {
  const a = await start();
  await ask(a, 'ada@example.com');
  const { token } = linkOf(await smtp!.nextMail());
  const answers = await Promise.all([1, 2, 3, 4].map(() => a.agent().post('/api/password-reset/confirm').send({ token, password: 'a-new-password' })));
  expect(answers.map((res) => res.status).sort()).toEqual([200, 410, 410, 410]);
});

it('refuses a short password without using the link up, and an expired link says so', async () => {
  const a = await start({ accountLinkLifetimes: { reset: 300 } });
  await ask(a, 'ada@example.com');
  const { token } = linkOf(await smtp!.nextMail());
  const short = await a.agent().post('/api/password-reset/confirm').send({ token, password: 'short' });
  expect(short.status).toBe(400);
  expect(short.body).toEqual({ error: 'bad_request', reason: 'The password must be at least 8 characters.' });
  await new Promise((resolve) => setTimeout(resolve, 350)); // the link's lifetime: a clock, not an event
  const expired = await a.agent().post('/api/password-reset/confirm').send({ token, password: 'a-new-password' });
  expect(expired.status).toBe(410);
  expect(expired.body).toEqual({ error: 'link_expired', reason: 'This link has expired.' });
});

it("ends the account's other sessions, keeps the new one, and a newer link makes the older one invalid", async () => {
  const a = await start();
  const other = await signedInAgent(a.app, 'ada@example.com');
  const elsewhere = await signedInAgent(a.app, 'ada@example.com');
  expect((await other.get('/api/session')).status).toBe(200);
  await ask(a, 'ada@example.com');
  const older = linkOf(await smtp!.nextMail()).token;
  await ask(a, 'ada@example.com');
  const newer = linkOf(await smtp!.nextMail()).token;
  // The superseded link's record is removed: records do not pile up per request.
  expect(await a.storage.mail.allDocs({ startkey: 'account-link:', endkey: 'account-link:\uffff' })).toHaveLength(1);
  expect((await a.agent().post('/api/password-reset/confirm').send({ token: older, password: 'a-new-password' })).body.error).toBe('link_invalid');
  const browser = a.agent();
  expect((await browser.post('/api/password-reset/confirm').send({ token: newer, password: 'a-new-password' })).status).toBe(200);
  expect((await other.get('/api/session')).status).toBe(401);
  expect((await elsewhere.get('/api/session')).status).toBe(401);
  expect((await browser.get('/api/session')).status).toBe(200);
});

it('sends nothing for a password-less account without an invitation, nor with mail off (the same 202)', async () => {
  const a = await start();
  await a.agent().post('/api/password-reset').send({ email: 'ada@example.com' });
  await smtp!.nextMail();
  const { createPasswordlessAccount } = await import('../services/accounts');
  await createPasswordlessAccount(a.storage, { role: 'customer', email: 'mary@example.com', name: 'Mary' });
  expect((await ask(a, 'mary@example.com')).status).toBe(202);
  await ask(a, 'ada@example.com');
  await smtp!.untilMails(2);
  expect(smtp!.mails.map((mail) => mail.envelope.to[0])).toEqual(['ada@example.com', 'ada@example.com']);

  const off = await createTestApp();
  try {
    await addUser(off.storage, { role: 'customer', email: 'ada@example.com' });
    const res = await off.agent().post('/api/password-reset').send({ email: 'ada@example.com' });
    expect({ status: res.status, body: res.body }).toEqual({ status: 202, body: { ok: true } });
    expect(await jobsLeft(off)).toBe(0);
  } finally {
    await off.close();
  }
});

it('throttles per target address and per client address, counting answered requests too', async () => {
  const a = await start({}, { resetLimitPerAccount: 2, resetLimitPerAddress: 5, resetWindowMs: 600_000 });
  expect((await ask(a, 'ada@example.com')).status).toBe(202);
  expect((await ask(a, 'Ada@Example.com')).status).toBe(202);
  const refused = await ask(a, 'ada@example.com');
  expect(refused.status).toBe(429);
  expect(refused.body).toEqual({ error: 'too_many_requests', reason: 'Too many requests. Try again in 10 minutes.' });
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  // Other targets from the same address: two more pass (five counted in all), then the address is refused.
  expect((await ask(a, 'x@example.com')).status).toBe(202);
  expect((await ask(a, 'y@example.com')).status).toBe(202);
  expect((await ask(a, 'z@example.com')).status).toBe(429);
});

it('keeps a refused mail queued and sends it once the SMTP server takes it; a permanent refusal drops it', async () => {
  const a = await start();
  smtp!.refuseNext(2, 'temporary');
  await ask(a, 'ada@example.com');
  const mail = await smtp!.nextMail();
  expect(smtp!.refusedCount()).toBe(2);
  expect(mail.envelope.to).toEqual(['ada@example.com']);
  smtp!.refuseNext(1, 'permanent');
  await ask(a, 'ada@example.com');
  const deadline = Date.now() + 10_000;
  while (smtp!.refusedCount() < 3 || (await jobsLeft(a)) > 0) {
    if (Date.now() > deadline) throw new Error('the refused job was not dropped');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(smtp!.mails).toHaveLength(1);
});
