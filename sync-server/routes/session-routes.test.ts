/** `/api/session`: sign in, who am I, sign out, and the cookie's flags. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function sessionCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('harbor.sid='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

describe('POST /api/session', () => {
  it('signs in with the right password and returns the user and an HttpOnly SameSite=Lax cookie', async () => {
    const { user } = await t.signIn({ role: 'customer', email: 'Ada@Example.com', name: 'Ada', password: 'pass-word-1' });
    const res = await t.agent().post('/api/session').send({ email: 'ada@example.com', password: 'pass-word-1' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { id: user.id, name: 'Ada', email: 'ada@example.com', role: 'customer' } });
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).toMatch(/Expires=/i);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    await t.signIn({ role: 'customer', email: 'ada@example.com', password: 'pass-word-1' });
    const wrong = await t.agent().post('/api/session').send({ email: 'ada@example.com', password: 'nope-nope' });
    const unknown = await t.agent().post('/api/session').send({ email: 'who@example.com', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ error: 'unauthorized', reason: expect.any(String) });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('answers a malformed body with 400', async () => {
    for (const body of [{}, { email: 'a@b.co' }, { email: 1, password: 'x' }, []]) {
      const res = await t.agent().post('/api/session').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('bad_request');
    }
  });

  it('regenerates the session id at sign-in', async () => {
    await t.signIn({ role: 'agent', email: 'sam@example.com', password: 'pass-word-1' });
    const agent = t.agent();
    await agent.post('/api/session').send({ email: 'sam@example.com', password: 'pass-word-1' });
    const first = (await agent.get('/api/session')).status;
    expect(first).toBe(200);
    const before = sessionCookie(await agent.get('/api/session'));
    const again = await agent.post('/api/session').send({ email: 'sam@example.com', password: 'pass-word-1' });
    expect(sessionCookie(again).split(';')[0]).not.toBe(before.split(';')[0]);
  });

  it('marks the cookie Secure behind a trusted HTTPS proxy', async () => {
    const secure = await createTestApp({ trustProxy: true });
    try {
      const { addUser } = await import('../test-support/test-app');
      await addUser(secure.storage, { role: 'customer', email: 'ada@example.com', password: 'pass-word-1' });
      const res = await request(secure.app)
        .post('/api/session')
        .set('X-Forwarded-Proto', 'https')
        .send({ email: 'ada@example.com', password: 'pass-word-1' });
      expect(res.status).toBe(200);
      expect(sessionCookie(res)).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });
});

describe('GET and DELETE /api/session', () => {
  it('returns the signed-in user, 401 without a session, and 204 then 401 after sign-out', async () => {
    expect((await t.agent().get('/api/session')).status).toBe(401);
    const { user, agent } = await t.signIn({ role: 'customer', email: 'grace@example.com' });
    const me = await agent.get('/api/session');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user });
    const out = await agent.delete('/api/session');
    expect(out.status).toBe(204);
    const after = await agent.get('/api/session');
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ error: 'unauthorized', reason: expect.any(String) });
  });
});

describe('the session cookie', () => {
  it('lasts 30 days and rolls over with use', async () => {
    const { agent } = await t.signIn({ role: 'customer', email: 'ada@example.com' });
    const res = await agent.get('/api/session');
    const expires = Date.parse(/Expires=([^;]+)/i.exec(sessionCookie(res))![1]!);
    const thirtyDays = 30 * 24 * 3600_000;
    expect(Math.abs(expires - (Date.now() + thirtyDays))).toBeLessThan(60_000);
  });

  it('is cleared at sign-out', async () => {
    const { agent } = await t.signIn({ role: 'customer', email: 'ada@example.com' });
    const out = await agent.delete('/api/session');
    expect(sessionCookie(out)).toMatch(/Expires=Thu, 01 Jan 1970/i);
  });
});
