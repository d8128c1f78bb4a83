/** `/api/me` (Settings), in either engine: the name, the notification choice, the password change and signing out everywhere. */
import { afterEach, expect, it } from 'vitest';
import { createAdaTicket, createDbWorld, type DbWorld } from './db-test-helpers';
import { signedInAgent, TEST_PASSWORD } from '../test-support/test-app';

let world: DbWorld | undefined;
afterEach(async () => {
  await world?.app.close();
  world = undefined;
});

const NEW_PASSWORD = 'a-much-longer-secret';

it('answers signed-out callers 401 and reads the account, notification mail on by default', async () => {
  const w = (world = await createDbWorld());
  expect((await w.app.agent().get('/api/me')).status).toBe(401);
  expect((await w.app.agent().patch('/api/me').send({ name: 'Nobody' })).status).toBe(401);
  expect((await w.app.agent().delete('/api/me/sessions')).status).toBe(401);
  const res = await w.ada.http.get('/api/me');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ user: w.ada.user, emailOnAgentReply: true });
});

it('renames the user by the shared rule; this session and the tickets created next carry the new name, earlier ones keep theirs', async () => {
  const w = (world = await createDbWorld());
  const before = await createAdaTicket(w);
  for (const name of ['   ', 'x'.repeat(201)]) {
    const refused = await w.ada.http.patch('/api/me').send({ name });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'bad_name' });
  }
  expect((await w.ada.http.patch('/api/me').send({ name: 42 })).status).toBe(400);

  const res = await w.ada.http.patch('/api/me').send({ name: '  Ada King  ' });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ user: { ...w.ada.user, name: 'Ada King' }, emailOnAgentReply: true });
  expect((await w.ada.http.get('/api/session')).body.user.name).toBe('Ada King');
  expect((await w.ada.http.get('/api/me')).body.user.name).toBe('Ada King');

  const after = await createAdaTicket(w);
  expect(after.ticket.customerName).toBe('Ada King');
  expect(before.ticket.customerName).toBe('Ada Lovelace');
  // A session signed in later reads the stored name.
  expect((await (await signedInAgent(w.app.app, 'ada@example.com')).get('/api/session')).body.user.name).toBe('Ada King');
});

it('stores the notification choice on the user, leaving the name as it was', async () => {
  const w = (world = await createDbWorld());
  const off = await w.ada.http.patch('/api/me').send({ emailOnAgentReply: false });
  expect(off.body).toEqual({ user: w.ada.user, emailOnAgentReply: false });
  expect((await w.ada.http.get('/api/me')).body.emailOnAgentReply).toBe(false);
  expect((await w.grace.http.get('/api/me')).body.emailOnAgentReply).toBe(true);
  expect((await w.ada.http.patch('/api/me').send({ emailOnAgentReply: 'no' })).status).toBe(400);
  expect((await w.ada.http.patch('/api/me').send({ emailOnAgentReply: true })).body.emailOnAgentReply).toBe(true);
});

it('changes the password only with the current one: this session stays, every other one of the account ends', async () => {
  const w = (world = await createDbWorld());
  const laptop = await signedInAgent(w.app.app, 'ada@example.com');

  const wrong = await w.ada.http.post('/api/me/password').send({ currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD });
  expect(wrong.status).toBe(403);
  expect(wrong.body).toEqual({ error: 'wrong_password', reason: 'The current password is not right.' });
  const short = await w.ada.http.post('/api/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
  expect(short.status).toBe(400);
  expect(short.body).toEqual({ error: 'bad_password', reason: 'The password must be at least 8 characters.' });
  expect((await laptop.get('/api/session')).status).toBe(200);

  const done = await w.ada.http.post('/api/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
  expect(done.status).toBe(200);
  expect(done.body).toEqual({ user: w.ada.user });
  expect((await w.ada.http.get('/api/session')).status).toBe(200);
  expect((await laptop.get('/api/session')).status).toBe(401);
  expect((await w.grace.http.get('/api/session')).status).toBe(200);
  expect((await w.app.agent().post('/api/session').send({ email: 'ada@example.com', password: TEST_PASSWORD })).status).toBe(401);
  expect((await w.app.agent().post('/api/session').send({ email: 'ada@example.com', password: NEW_PASSWORD })).status).toBe(200);
});

it('throttles wrong current passwords per account as sign-in does; other mistakes do not count', async () => {
  const w = (world = await createDbWorld(300, { signinLimitPerAccount: 2 }));
  const attempt = (currentPassword: string, newPassword = NEW_PASSWORD) =>
    w.ada.http.post('/api/me/password').send({ currentPassword, newPassword });
  expect((await attempt(TEST_PASSWORD, 'short')).status).toBe(400);
  expect((await attempt('wrong-one')).status).toBe(403);
  expect((await attempt('wrong-two')).status).toBe(403);
  const refused = await attempt(TEST_PASSWORD);
  expect(refused.status).toBe(429);
  expect(refused.body.reason).toBe('Too many wrong passwords. Wait a few minutes, then try again.');
  expect(refused.headers['ratelimit']).toBeDefined();
  // Counted per account: another customer's change goes through.
  expect((await w.grace.http.post('/api/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
});

it('signs out of every device: all of the account’s sessions end, this one too, and nobody else’s', async () => {
  const w = (world = await createDbWorld());
  const laptop = await signedInAgent(w.app.app, 'ada@example.com');
  const res = await w.ada.http.delete('/api/me/sessions');
  expect(res.status).toBe(204);
  expect(String(res.headers['set-cookie'])).toContain('harbor.sid=;');
  expect((await w.ada.http.get('/api/session')).status).toBe(401);
  expect((await laptop.get('/api/session')).status).toBe(401);
  expect((await laptop.get('/db/tickets/_changes?since=0')).status).toBe(401);
  expect((await w.grace.http.get('/api/session')).status).toBe(200);
});
