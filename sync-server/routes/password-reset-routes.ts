/**
 * `/api/password-reset`: ask for a reset link (always 202 `{ok:true}`, throttled, the mail queued only for an
 * account that exists and has a password or an invitation), and `/confirm` to set the new password from it.
 */
import express, { type RequestHandler } from 'express';
import type { AccountMail } from '../mail/account-mail';
import { latestInvitation } from '../services/account-links';
import { findUserDocByEmail, hasPassword } from '../services/accounts';
import type { Storage } from '../services/storage';
import { completeLink } from './link-completion';

/** Queues the reset mail of `email` when its account may have one. */
async function queueReset(storage: Storage, mail: AccountMail, email: string): Promise<void> {
  const doc = await findUserDocByEmail(storage, email);
  if (!doc) return;
  if (!hasPassword(doc) && !(await latestInvitation(storage, doc.id))) return;
  await mail.send(doc, 'reset');
}

/** The router mounted at `/api/password-reset`; `throttle` runs before a request is answered. */
export function createPasswordResetRouter(deps: { storage: Storage; mail: AccountMail; throttle: RequestHandler[] }): express.Router {
  const router = express.Router();
  router.post('/', ...deps.throttle, (req, res) => {
    const email: unknown = (req.body as { email?: unknown } | null | undefined)?.email;
    // Answered before the address is even looked up: the answer and its timing cannot tell whether it exists.
    res.status(202).json({ ok: true });
    if (deps.mail.on && typeof email === 'string' && email.length <= 320) deps.mail.later(() => queueReset(deps.storage, deps.mail, email));
  });
  router.post('/confirm', completeLink(deps.storage, 'reset'));
  return router;
}
