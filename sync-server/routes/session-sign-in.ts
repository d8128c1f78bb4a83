/** Signing a request's session in as a user: a new session id (one planted before never becomes signed in), then the user kept in it. */
import type { Request } from 'express';
import type { SessionUser } from '../session-user';
import '../session-user';

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/** Signs `req`'s session in as `user`, under a new session id, and stores it. */
export async function signInSession(req: Request, user: SessionUser): Promise<void> {
  await regenerate(req);
  req.session.user = user;
  await save(req);
}
