/** Sign-in throttling: failed attempts counted per address and per account (normalised email); successes never count. */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ServerConfig } from '../config';
import { normaliseEmail } from '../services/accounts';

const REASON = 'Too many failed sign-ins. Wait a few minutes, then try again.';

function emailOf(req: Request): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const email = (body as { email?: unknown }).email;
  return typeof email === 'string' && email.trim() ? normaliseEmail(email).slice(0, 320) : undefined;
}

function limiter(limit: number, windowMs: number, keyed?: (req: Request) => string | undefined): RequestHandler {
  return rateLimit({
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

/** The two limiters for `POST /api/session`, address first; limits and window come from the configuration. */
export function signinRateLimit(config: ServerConfig): RequestHandler[] {
  return [
    limiter(config.signinLimitPerAddress, config.signinWindowMs),
    limiter(config.signinLimitPerAccount, config.signinWindowMs, emailOf),
  ];
}
