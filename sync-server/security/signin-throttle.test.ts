/** Sign-in throttling: failed attempts per account and per address, 429 with Retry-After; successes never count. */
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, type TestApp } from '../test-support/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function app(perAccount: number, perAddress: number): Promise<TestApp> {
  t = await createTestApp({ signinLimitPerAccount: perAccount, signinLimitPerAddress: perAddress, signinWindowMs: 60_000 });
  await addUser(t.storage, { role: 'customer', email: 'ada@example.com', password: 'right-pass-1' });
  await addUser(t.storage, { role: 'customer', email: 'grace@example.com', password: 'right-pass-2' });
  return t;
}

const signIn = (a: TestApp, email: string, password: string) => a.agent().post('/api/session').send({ email, password });

describe('sign-in throttling', () => {
  it('refuses an account after its failed attempts with 429, Retry-After and a JSON reason, whatever the email case', async () => {
    const a = await app(3, 100);
    for (let i = 0; i < 3; i++) expect((await signIn(a, 'ada@example.com', 'wrong')).status).toBe(401);
    const refused = await signIn(a, '  ADA@example.com ', 'right-pass-1');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'too_many_requests', reason: expect.any(String) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another account from the same address is still let in.
    expect((await signIn(a, 'grace@example.com', 'right-pass-2')).status).toBe(200);
  });

  it('never counts successful sign-ins', async () => {
    const a = await app(2, 3);
    for (let i = 0; i < 8; i++) expect((await signIn(a, 'ada@example.com', 'right-pass-1')).status).toBe(200);
    expect((await signIn(a, 'ada@example.com', 'wrong')).status).toBe(401);
    expect((await signIn(a, 'ada@example.com', 'right-pass-1')).status).toBe(200);
  });

  it('refuses an address after its failed attempts, across accounts and unknown emails', async () => {
    const a = await app(100, 4);
    for (let i = 0; i < 4; i++) expect((await signIn(a, `who${i}@example.com`, 'wrong')).status).toBe(401);
    const refused = await signIn(a, 'grace@example.com', 'right-pass-2');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('answers a wrong password and an unknown email alike, in similar time', async () => {
    const a = await app(100, 100);
    const time = async (email: string) => {
      const started = performance.now();
      const res = await signIn(a, email, 'not-the-password');
      return { ms: performance.now() - started, status: res.status, body: res.body as unknown };
    };
    await time('warm@example.com');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const k = await time('ada@example.com');
      const u = await time(`nobody${i}@example.com`);
      expect(k.status).toBe(401);
      expect(u).toMatchObject({ status: 401, body: k.body });
      known.push(k.ms);
      unknown.push(u.ms);
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[2]!;
    // Both run scrypt once: the medians stay within a factor of two of each other.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(known)).toBeLessThan(2);
  });
});
