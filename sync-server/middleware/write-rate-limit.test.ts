/** The write limit on its own: documents counted per user, the batch begun under it let through, a lost counter never blocking. */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger';
import type { RedisConnection } from '../services/redis-connection';
import { HttpError } from './http-error';
import { createWriteRateLimit } from './write-rate-limit';

const silent: Logger = { info() {}, warn() {}, error() {} };

async function refusal(charge: Promise<void>): Promise<HttpError> {
  const error = await charge.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('write rate limit', () => {
  it('counts documents per user and refuses the batch begun at the limit with 429 and Retry-After', async () => {
    const limit = createWriteRateLimit({ writeLimitPerUser: 100, writeWindowMs: 30_000 }, silent);
    await limit.charge('ada', 60);
    await limit.charge('ada', 50);
    await limit.charge('grace', 100);
    const refused = await refusal(limit.charge('ada', 1));
    expect(refused).toMatchObject({ status: 429, error: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(30);
    limit.close();
  });

  it('counts an empty batch as one, so empty requests cannot go on for free', async () => {
    const limit = createWriteRateLimit({ writeLimitPerUser: 3, writeWindowMs: 30_000 }, silent);
    for (let i = 0; i < 3; i++) await limit.charge('ada', 0);
    await refusal(limit.charge('ada', 0));
    limit.close();
  });

  it('lets writes through uncounted when the counters cannot be reached, and says so once', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silent, warn: (message) => void warnings.push(message) };
    const down = { prefix: 'harbor:', command: () => Promise.reject(new Error('connection refused')) } as unknown as RedisConnection;
    const limit = createWriteRateLimit({ writeLimitPerUser: 1, writeWindowMs: 30_000 }, logger, down);
    for (let i = 0; i < 3; i++) await limit.charge('ada', 50);
    expect(warnings).toEqual(['write throttling cannot count; writes go through uncounted']);
    limit.close();
  });
});
