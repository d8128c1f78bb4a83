/**
 * Sign-in throttling: failed attempts counted per address and per account (normalised email); successes never count.
 * Settings' password change is throttled the same way: each wrong current password counted per account.
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { RedisStore } from 'rate-limit-redis';
import type { ServerConfig } from '../config';
import { normaliseEmail } from '../services/accounts';
import type { RedisConnection } from '../services/redis-connection';
import { redisCounterStore } from './redis-counter-store';
import '../session-user';

const REASON = 'Too many failed sign-ins. Wait a few minutes, then try again.';
const PASSWORD_REASON = 'Too many wrong passwords. Wait a few minutes, then try again.';

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
  counted: { reason: string; failed?: (status: number) => boolean } = { reason: REASON },
): RequestHandler {
  const failed = counted.failed ?? ((status: number) => status >= 400);
  return rateLimit({
    ...(store && { store }),
    windowMs,
    limit,
    // Only failed answers stay counted: a successful sign-in is taken back when it finishes.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => !failed(res.statusCode),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(keyed && { keyGenerator: (req: Request) => `account:${keyed(req) ?? ''}`, skip: (req: Request) => !keyed(req) }),
    handler: (_req, res) => {
      res.status(429).json({ error: 'too_many_requests', reason: counted.reason });
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

/**
 * The limiter for `POST /api/me/password` (Settings' password change): only a wrong current password (403) counts,
 * per signed-in account, at the sign-in limit and window, so a session gets no more guesses than the sign-in screen
 * gives. Its counters are kept beside sign-in's (in Redis with `redis`, adding up across every server).
 */
export function currentPasswordRateLimit(config: ServerConfig, redis?: RedisConnection): RequestHandler {
  const store = redis && redisCounterStore(redis, 'signin-current-password');
  return limiter(config.signinLimitPerAccount, config.signinWindowMs, store, (req) => req.session?.user?.id, {
    reason: PASSWORD_REASON,
    failed: (status) => status === 403,
  });
}
