/** Password hashing with node:crypto scrypt: random salt, parameters kept with the hash, constant-time compare. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 64;
const DEFAULT_PARAMS = { N: 16384, r: 8, p: 1 } as const;

function derive(password: string, salt: Uint8Array, keylen: number, options: ScryptOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    );
  });
}

/**
 * The cost of new hashes. A test run (NODE_ENV=test, as vitest sets it) may lower scrypt's N with
 * `HARBOR_TEST_SCRYPT_N` (a power of two), so that suites creating hundreds of accounts do not spend their time
 * hashing; outside tests it is never read. A hash keeps its parameters, so any hash verifies anywhere.
 */
function costOfNewHashes(): { N: number; r: number; p: number } {
  const testN = process.env.NODE_ENV === 'test' ? Number(process.env.HARBOR_TEST_SCRYPT_N) : NaN;
  const isPowerOfTwo = Number.isInteger(testN) && testN >= 2 && (testN & (testN - 1)) === 0;
  return isPowerOfTwo ? { ...DEFAULT_PARAMS, N: testN } : DEFAULT_PARAMS;
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64 salt and hash). */
export async function hashPassword(password: string): Promise<string> {
  const salt = new Uint8Array(randomBytes(16));
  const { N, r, p } = costOfNewHashes();
  const key = await derive(password, salt, KEY_LENGTH, { N, r, p });
  return ['scrypt', N, r, p, Buffer.from(salt).toString('base64'), Buffer.from(key).toString('base64')].join('$');
}

/** True when `password` matches `stored`; a malformed `stored` is a mismatch, never an exception. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = new Uint8Array(Buffer.from(hashText, 'base64'));
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!expected.length || !Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return false;
  const actual = await derive(password, new Uint8Array(Buffer.from(saltText, 'base64')), expected.length, params);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** A valid hash of a random password: checked against for unknown emails so that they cost the same time. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
