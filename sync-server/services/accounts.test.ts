/** Accounts: normalised unique emails, scrypt hashes with their parameters, and credential checks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError, createAccount, createPasswordlessAccount, findUserByEmail, getUser, listUsers, verifyCredentials } from './accounts';
import { hashPassword, verifyPassword } from './passwords';
import { openStorage, type Storage } from './storage';

let storage: Storage;
beforeEach(async () => {
  storage = await openStorage({ kind: 'memory' });
});
afterEach(async () => {
  await storage.close();
});

const ada = { role: 'customer', email: ' Ada@Example.COM ', name: ' Ada Lovelace ', password: 'analytical' } as const;

describe('accounts', () => {
  it('creates a user with a normalised email and finds it by id and by email in any case', async () => {
    const user = await createAccount(storage, ada);
    expect(user).toEqual({ id: expect.any(String), email: 'ada@example.com', name: 'Ada Lovelace', role: 'customer' });
    expect(await getUser(storage, user.id)).toEqual(user);
    expect(await findUserByEmail(storage, 'ADA@example.com')).toEqual(user);
    expect(await findUserByEmail(storage, 'nobody@example.com')).toBeNull();
    expect(await getUser(storage, 'email:ada@example.com')).toBeNull();
    expect(await listUsers(storage)).toEqual([user]);
    const stored = (await storage.users.get(user.id)) as unknown as { passwordHash: string };
    // The test run's own cheap cost (HARBOR_TEST_SCRYPT_N in vitest.config.ts), kept with the hash.
    expect(stored.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored.passwordHash).not.toContain('analytical');
  });

  it('hashes at the production cost unless a test run lowers it, and verifies a hash of either cost', async () => {
    const cheap = await hashPassword('analytical');
    const testN = process.env.HARBOR_TEST_SCRYPT_N;
    delete process.env.HARBOR_TEST_SCRYPT_N;
    try {
      const production = await hashPassword('analytical');
      expect(production).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(await verifyPassword('analytical', production)).toBe(true);
    } finally {
      process.env.HARBOR_TEST_SCRYPT_N = testN;
    }
    expect(await verifyPassword('analytical', cheap)).toBe(true);
    expect(await verifyPassword('analyticaL', cheap)).toBe(false);
  });

  it('refuses a second account with the same email, also when both are created at once', async () => {
    const results = await Promise.allSettled([createAccount(storage, ada), createAccount(storage, { ...ada, email: 'ada@example.com' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AccountError);
    expect(refused.reason.code).toBe('duplicate_email');
    expect(await listUsers(storage)).toHaveLength(1);
  });

  it('refuses a bad role, email, name or short password', async () => {
    const bad = [
      [{ ...ada, role: 'admin' as never }, 'bad_role'],
      [{ ...ada, email: 'ada' }, 'bad_email'],
      [{ ...ada, name: '  ' }, 'bad_name'],
      [{ ...ada, password: 'short' }, 'short_password'],
    ] as const;
    for (const [input, code] of bad) {
      await expect(createAccount(storage, input)).rejects.toMatchObject({ code });
    }
  });

  it('verifies credentials: the user for the right password, null for a wrong one or an unknown email', async () => {
    const user = await createAccount(storage, ada);
    expect(await verifyCredentials(storage, 'ADA@example.com', 'analytical')).toEqual(user);
    expect(await verifyCredentials(storage, 'ada@example.com', 'Analytical')).toBeNull();
    expect(await verifyCredentials(storage, 'charles@example.com', 'analytical')).toBeNull();
  });

  it('creates a password-less account that no password signs in to, its email claimed like any other', async () => {
    const user = await createPasswordlessAccount(storage, { role: 'customer', email: 'Charles@Example.com', name: 'Charles' });
    expect(await findUserByEmail(storage, 'charles@example.com')).toEqual(user);
    expect(await verifyCredentials(storage, 'charles@example.com', '')).toBeNull();
    expect(await verifyCredentials(storage, 'charles@example.com', 'anything-at-all')).toBeNull();
    await expect(createAccount(storage, { ...ada, email: 'charles@example.com' })).rejects.toThrow(AccountError);
  });
});

describe('passwords', () => {
  it('salts every hash and treats a malformed hash as a mismatch', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', 'plain')).toBe(false);
    expect(await verifyPassword('same-password', 'scrypt$x$8$1$c2FsdA==$aGFzaA==')).toBe(false);
  });
});
