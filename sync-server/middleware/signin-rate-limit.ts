/** Sign-in throttling: failed attempts counted per address and per account (normalised email); successes never count. */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { RedisStore } from 'rate-limit-redis';
import type { ServerConfig } from '../config';
import { normaliseEmail } from '../services/accounts';
import type { RedisConnection } from '../services/redis-connection';
import { redisCounterStore } from './redis-counter-store';

const REASON = 'Too many failed sign-ins. Wait a few minutes, then try again.';

function emailOf(req: Request): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const email = (body as { email?: unknown }).email;
  return typeof email === 'string' && email.trim() ? normaliseEmail(email).slice(0, 320) : undefined;
}

function limiter(
  limit: number,
  windowMs: number,
  store: RedisStore | undefined,
  keyed?: (req: Request) => string | undefined,
): RequestHandler {
  return rateLimit({
    ...(store && { store }),
    windowMs,
    limit,
    // Only failed answers (status >= 400) stay counted: a successful sign-in is taken back when it finishes.
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(keyed && { keyGenerator: (req: Request) => `account:${keyed(req) ?? ''}`, skip: (req: Request) => !keyed(req) }),
    handler: (_req, res) => {
      res.status(429).json({ error: 'too_many_requests', reason: REASON });
    },
  });
}

/**
 * The two limiters for `POST /api/session`, address first; limits and window come from the configuration. With
 * `redis` (several servers) the counts are kept there, so they add up across every server.
 */
export function signinRateLimit(config: ServerConfig, redis?: RedisConnection): RequestHandler[] {
  const store = (name: string): RedisStore | undefined => redis && redisCounterStore(redis, `signin-${name}`);
  return [
    limiter(config.signinLimitPerAddress, config.signinWindowMs, store('address')),
    limiter(config.signinLimitPerAccount, config.signinWindowMs, store('account'), emailOf),
  ];
}
