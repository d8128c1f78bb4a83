/**
 * The end of a mailed link (a password reset, an invitation): `{token, password}` → the password is checked by
 * sign-up's rule first (a bad one does not use the link up), the link is used once, the password set, every
 * other session of the account ended, and this request signed in (200 `{user}`). A link that does not work: 410.
 */
import type { RequestHandler } from 'express';
import * as z from 'zod/mini';
import { HttpError } from '../middleware/http-error';
import { useLink, type LinkPurpose, type LinkRefusal } from '../services/account-links';
import { setPassword } from '../services/account-password-set';
import { AccountError, checkPassword } from '../services/accounts';
import { endSessionsOf } from '../services/session-store';
import type { Storage } from '../services/storage';
import { signInSession } from './session-sign-in';

const LinkBody = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  password: z.string().check(z.maxLength(1024)),
});

const REFUSALS: Readonly<Record<LinkRefusal, string>> = {
  link_used: 'This link was already used.',
  link_expired: 'This link has expired.',
  link_invalid: 'This link is not valid.',
};

/** The handler that completes a `purpose` link. */
export function completeLink(storage: Storage, purpose: LinkPurpose): RequestHandler {
  return async (req, res) => {
    const parsed = LinkBody.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'Send a JSON body with the token and a password.');
    try {
      checkPassword(parsed.data.password);
    } catch (error) {
      if (error instanceof AccountError) throw new HttpError(400, 'bad_request', error.message);
      throw error;
    }
    const used = await useLink(storage, parsed.data.token, purpose);
    if ('refused' in used) throw new HttpError(410, used.refused, REFUSALS[used.refused]);
    const user = await setPassword(storage, used.userId, parsed.data.password);
    if (!user) throw new HttpError(410, 'link_invalid', REFUSALS.link_invalid);
    await signInSession(req, user);
    await endSessionsOf(storage.sessions, user.id, req.sessionID);
    res.json({ user });
  };
}
