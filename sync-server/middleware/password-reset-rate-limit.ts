/** Password-reset throttling: every request counted (answered or not), per client address and per target account (normalised email). */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { RedisStore } from 'rate-limit-redis';
import type { ServerConfig } from '../config';
import { normaliseEmail } from '../services/accounts';
import type { RedisConnection } from '../services/redis-connection';
import { redisCounterStore } from './redis-counter-store';

function emailOf(req: Request): string | undefined {
  const email: unknown = (req.body as { email?: unknown } | null | undefined)?.email;
  return typeof email === 'string' && email.trim() ? normaliseEmail(email).slice(0, 320) : undefined;
}

/** "Try again in N minutes": until the window of the refused count ends, rounded up. */
function reasonFor(req: Request): string {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const minutes = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 60_000)) : 1;
  return `Too many requests. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

function limiter(limit: number, windowMs: number, store: RedisStore | undefined, keyed?: (req: Request) => string | undefined): RequestHandler {
  return rateLimit({
    ...(store && { store }),
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(keyed && { keyGenerator: (req: Request) => `account:${keyed(req) ?? ''}`, skip: (req: Request) => !keyed(req) }),
    handler: (req, res) => {
      res.status(429).json({ error: 'too_many_requests', reason: reasonFor(req) });
    },
  });
}

/** The two limiters for `POST /api/password-reset`, address first; with `redis` the counts add up over every server. */
export function passwordResetRateLimit(config: ServerConfig, redis?: RedisConnection): RequestHandler[] {
  const store = (name: string): RedisStore | undefined => redis && redisCounterStore(redis, `reset-${name}`);
  return [
    limiter(config.resetLimitPerAddress, config.resetWindowMs, store('address')),
    limiter(config.resetLimitPerAccount, config.resetWindowMs, store('account'), emailOf),
  ];
}
