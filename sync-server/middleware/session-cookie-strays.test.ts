/** A stray session cookie sent before the real one (a truncated `Set-Cookie` stored at a deeper path) locks no one out. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-support/test-app';

let t: TestApp;
let session: string;
beforeEach(async () => {
  t = await createTestApp();
  await t.signIn({ role: 'customer', email: 'ada@example.com' });
  const signIn = await request(t.app).post('/api/session').send({ email: 'ada@example.com', password: TEST_PASSWORD });
  session = String(signIn.headers['set-cookie']).split(';')[0]!;
});
afterEach(async () => {
  await t.close();
});

const CHANGES = '/db/messages/_changes?feed=normal&include_docs=true&since=0';
/** What Chromium keeps from `Set-Cookie: harbor.sid=s%3AAbc…` cut after 20 bytes: the value cut short, no attributes. */
const stray = () => session.slice(0, 20);
const setCookies = (res: request.Response): string[] => [res.headers['set-cookie'] ?? []].flat();

describe('stray session cookies', () => {
  it('serves the session of the cookie set at / when a stray of a longer path comes first, and clears the stray', async () => {
    // Browsers list cookies of longer paths first: the stray at /db/messages, then the real one at /.
    const res = await request(t.app).get(CHANGES).set('Cookie', `${stray()}; theme=dark; ${session}`);
    expect(res.status).toBe(200);
    const cleared = setCookies(res).filter((c) => c.startsWith('harbor.sid=;'));
    expect(cleared).toEqual([
      expect.stringMatching(/^harbor\.sid=; Path=\/db; Expires=Thu, 01 Jan 1970 00:00:00 GMT/),
      expect.stringMatching(/^harbor\.sid=; Path=\/db\/messages; Expires=Thu, 01 Jan 1970 00:00:00 GMT/),
    ]);
    // The session's own cookie is still renewed at /.
    expect(setCookies(res).some((c) => c.startsWith(`${session};`) && c.includes('Path=/;'))).toBe(true);
  });

  it('does the same on /api (a stray left by a cut sign-in answer sits at /api)', async () => {
    const res = await request(t.app).get('/api/session').set('Cookie', `${stray()}; ${session}`);
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe('ada@example.com');
    expect(setCookies(res).some((c) => /^harbor\.sid=; Path=\/api;/.test(c))).toBe(true);
  });

  it('leaves a single cookie alone: a broken one alone is still signed out', async () => {
    const good = await request(t.app).get(CHANGES).set('Cookie', session);
    expect(good.status).toBe(200);
    expect(setCookies(good).some((c) => c.startsWith('harbor.sid=;'))).toBe(false);
    expect((await request(t.app).get(CHANGES).set('Cookie', stray())).status).toBe(401);
  });
});
