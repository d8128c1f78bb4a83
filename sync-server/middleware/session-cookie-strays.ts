/**
 * Keeps the session cookie the server set when a browser also sends strays of the same name, and clears them.
 *
 * Over plain HTTP, Chromium accepts a response whose headers were cut short (it refuses only over HTTPS), so an
 * answer cut inside its rolling `Set-Cookie: harbor.sid=…` leaves a cookie with a truncated value and, the
 * attributes being lost, the default path of that request's directory (`/db/messages`). Browsers send cookies of
 * longer paths first, and a cookie parser takes the first of a name: every later request under that path
 * carried the broken one and was answered 401, and signing in again could not replace it (its path is `/`).
 * The server sets the cookie only with `Path=/`, the shortest path, so its own is always the last one sent.
 */
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from './session-middleware';

const EXPIRED = 'Thu, 01 Jan 1970 00:00:00 GMT';

/** The directories above a request path, where a cookie set without `Path` may sit (`/db/messages/_changes` → `/db`, `/db/messages`). */
function directoriesOf(path: string): string[] {
  const parts = path.split('/').slice(1, -1);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}

/** Middleware for `/api` and `/db`, before the session middleware. */
export const sessionCookieStrays: RequestHandler = (req, res, next) => {
  const pairs = (req.headers.cookie ?? '').split(';').map((pair) => pair.trim()).filter(Boolean);
  const isSession = (pair: string) => pair.slice(0, pair.indexOf('=')).trim() === SESSION_COOKIE;
  const sessions = pairs.filter(isSession);
  if (sessions.length < 2) return next();
  req.headers.cookie = [...pairs.filter((pair) => !isSession(pair)), sessions.at(-1)!].join('; ');
  const path = req.originalUrl.split('?')[0]!;
  for (const directory of directoriesOf(path)) {
    res.append('Set-Cookie', `${SESSION_COOKIE}=; Path=${directory}; Expires=${EXPIRED}; HttpOnly; SameSite=Lax`);
  }
  next();
};
