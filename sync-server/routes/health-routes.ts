/**
 * `GET /api/health` for load balancers: 200 when this process reaches its storage (and, in cluster mode, Redis),
 * 503 with the reason when it does not. It reads no session and no cookie.
 */
import express from 'express';
import type { RedisConnection } from '../services/redis-connection';
import type { Storage } from '../services/storage';

/** How long each check may take before the process counts as unhealthy. */
const CHECK_MS = 2_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_MS / 1000} s`)), CHECK_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The health router over `storage` and, when given, `redis`. */
export function createHealthRouter(deps: { storage: Storage; redis?: RedisConnection }): express.Router {
  const router = express.Router();
  router.get('/api/health', async (_req, res) => {
    const problems: string[] = [];
    await within(deps.storage.users.docCount(), 'storage').catch((error: unknown) => {
      problems.push(`storage: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (deps.redis) {
      const answered = await within(deps.redis.ping(), 'Redis').catch(() => false);
      if (!answered) problems.push('redis: it does not answer');
    }
    res.set('cache-control', 'no-store');
    if (problems.length === 0) res.json({ status: 'ok', storage: deps.storage.engine, ...(deps.redis && { redis: 'ok' }) });
    else res.status(503).json({ error: 'unavailable', reason: problems.join('; ') });
  });
  return router;
}
