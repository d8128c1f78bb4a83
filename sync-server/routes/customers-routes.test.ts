/** Agents' customers and invitations: list and search, add a password-less customer, invite, resend (the old link stops), accept; customers get 404. */
import { afterEach, expect, it } from 'vitest';
import { linkOf, mailingApp } from '../mail/account-mail-test-kit';
import { startCaptureSmtp, type CaptureSmtp } from '../test-support/capture-smtp';
import { createTestApp, type TestAgent, type TestApp } from '../test-support/test-app';

let smtp: CaptureSmtp | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  await smtp?.close();
  t = smtp = undefined;
});

async function withAgent(a: TestApp): Promise<TestAgent> {
  return (await a.signIn({ role: 'agent', email: 'sam@example.com', name: 'Sam Rivera' })).agent;
}

it('adds a customer, invites them, and the captured link sets a password and signs them in; a resend ends the old link', async () => {
  smtp = await startCaptureSmtp();
  const a = (t = await mailingApp(smtp));
  const sam = await withAgent(a);
  const added = await sam.post('/api/customers').send({ name: 'Grace Hopper', email: ' Grace@Example.com' });
  expect(added.status).toBe(201);
  expect(added.body).toEqual({ customer: { id: expect.any(String), name: 'Grace Hopper', email: 'grace@example.com', hasPassword: false, invitation: null } });
  const id = added.body.customer.id as string;
  expect((await sam.post('/api/customers').send({ name: 'Grace H', email: 'grace@example.com' })).body).toEqual({
    error: 'conflict', reason: 'An account with this email already exists.',
  });
  const noName = await sam.post('/api/customers').send({ name: '', email: 'x@example.com' });
  expect([noName.status, noName.body.error]).toEqual([400, 'bad_name']);
  const badEmail = await sam.post('/api/customers').send({ name: 'X', email: 'not-an-email' });
  expect([badEmail.status, badEmail.body]).toEqual([400, { error: 'bad_email', reason: '"not-an-email" is not an email address.' }]);

  const first = await sam.post(`/api/customers/${id}/invitation`);
  expect(first.status).toBe(202);
  expect(first.body).toEqual({ invitation: { sentAt: expect.any(String), expiresAt: expect.any(String) } });
  expect(Date.parse(first.body.invitation.expiresAt) - Date.parse(first.body.invitation.sentAt)).toBe(7 * 24 * 60 * 60_000);
  const mail = await smtp.nextMail();
  expect(mail.envelope.to).toEqual(['grace@example.com']);
  expect(mail.parsed.subject).toBe("You're invited to Acme Support");
  expect(mail.parsed.text).toContain('7 days');
  const old = linkOf(mail);
  expect(old.page).toBe('http://127.0.0.1:8080/invitation');

  expect((await sam.post(`/api/customers/${id}/invitation`)).status).toBe(202);
  const fresh = linkOf(await smtp.nextMail()).token;
  const stale = await a.agent().post('/api/invitation/accept').send({ token: old.token, password: 'graces-password' });
  expect(stale.status).toBe(410);
  expect(stale.body.error).toBe('link_invalid');
  // A reset link is not an invitation.
  expect((await a.agent().post('/api/password-reset/confirm').send({ token: fresh, password: 'graces-password' })).body.error).toBe('link_invalid');

  const grace = a.agent();
  const accepted = await grace.post('/api/invitation/accept').send({ token: fresh, password: 'graces-password' });
  expect(accepted.status).toBe(200);
  expect(accepted.body).toEqual({ user: { id, name: 'Grace Hopper', email: 'grace@example.com', role: 'customer' } });
  expect((await grace.get('/api/session')).body.user.id).toBe(id);
  expect((await a.agent().post('/api/invitation/accept').send({ token: fresh, password: 'graces-password' })).body.error).toBe('link_used');

  const listed = await sam.get('/api/customers').query({ q: 'GRACE' });
  expect(listed.body).toEqual({ customers: [{ id, name: 'Grace Hopper', email: 'grace@example.com', hasPassword: true, invitation: expect.objectContaining({ sentAt: expect.any(String) }) }], total: 1 });
  expect((await sam.post(`/api/customers/${id}/invitation`)).body).toEqual({ error: 'conflict', reason: 'This customer has already set a password.' });
  expect((await sam.post('/api/customers/no-such-id/invitation')).status).toBe(404);
  // Customers are not shown the agents' routes at all; signed out is 401.
  const customerPaths = [['get', '/api/customers'], ['post', '/api/customers'], ['post', `/api/customers/${id}/invitation`]] as const;
  for (const [method, path] of customerPaths) {
    expect((await grace[method](path).send({ name: 'Eve', email: 'eve@example.com' })).status).toBe(404);
    expect((await a.agent()[method](path)).status).toBe(401);
  }
});

it('lists customers by name, matching name or email, at most `limit`, with the total', async () => {
  const a = (t = await createTestApp());
  const sam = await withAgent(a);
  for (const [name, email] of [['Zoe', 'zoe@example.com'], ['ada', 'ada@lovelace.example'], ['Bob', 'bob@example.com']]) {
    expect((await sam.post('/api/customers').send({ name, email })).status).toBe(201);
  }
  const all = await sam.get('/api/customers');
  expect(all.body.customers.map((c: { name: string }) => c.name)).toEqual(['ada', 'Bob', 'Zoe']);
  expect(all.body.total).toBe(3);
  const page = await sam.get('/api/customers').query({ limit: '2', q: 'EXAMPLE.com' });
  expect(page.body.customers.map((c: { name: string }) => c.name)).toEqual(['Bob', 'Zoe']);
  expect((await sam.get('/api/customers').query({ limit: '1' })).body).toMatchObject({ total: 3, customers: [{ name: 'ada' }] });
  // With mail off an invitation cannot be sent.
  const off = await sam.post(`/api/customers/${all.body.customers[0].id}/invitation`);
  expect(off.status).toBe(409);
  expect(off.body).toEqual({ error: 'mail_off', reason: 'Email is not set up, so invitations cannot be sent.' });
});
