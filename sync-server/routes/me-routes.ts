/**
 * `/api/me`, the signed-in user's own account (Settings): read it, change the name or the notification choice,
 * change the password (the current one first; every other session ends), and sign out of every device.
 */
import express, { type Request } from 'express';
import * as z from 'zod/mini';
import { HttpError } from '../middleware/http-error';
import { requireUser } from '../middleware/require-user';
import { SESSION_COOKIE } from '../middleware/session-middleware';
import { accountSettingsOf, changeProfile } from '../services/account-profile';
import { setPassword } from '../services/account-password-set';
import { AccountError, checkPassword, getUserDoc, hasPassword } from '../services/accounts';
import { verifyPassword } from '../services/passwords';
import { endSessionsOf } from '../services/session-store';
import type { Storage } from '../services/storage';
import '../session-user';

const ProfileBody = z.object({
  name: z.optional(z.string().check(z.maxLength(1000))),
  emailOnAgentReply: z.optional(z.boolean()),
});

const PasswordBody = z.object({
  currentPassword: z.string().check(z.maxLength(1024)),
  newPassword: z.string().check(z.maxLength(1024)),
});

const GONE = new HttpError(401, 'unauthorized', 'This account no longer exists. Sign in again.');

/** The refusals that belong to one field, by their `error` (the screen shows each at its field). */
const WRONG_CURRENT = new HttpError(403, 'wrong_password', 'The current password is not right.');

function destroy(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/** The router mounted at `/api/me`; the password change's throttle is mounted before it (`app.ts`). */
export function createMeRouter(deps: { storage: Storage }): express.Router {
  const { storage } = deps;
  const router = express.Router();
  router.use(requireUser);

  router.get('/', async (req, res) => {
    const doc = await getUserDoc(storage, req.session.user!.id);
    if (!doc) throw GONE;
    res.set('Cache-Control', 'no-store');
    res.json(accountSettingsOf(doc));
  });

  router.patch('/', async (req, res) => {
    const parsed = ProfileBody.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'Send a JSON body with a name or an emailOnAgentReply choice.');
    let settings;
    try {
      settings = await changeProfile(storage, req.session.user!.id, {
        ...(parsed.data.name !== undefined && { name: parsed.data.name }),
        ...(parsed.data.emailOnAgentReply !== undefined && { emailOnAgentReply: parsed.data.emailOnAgentReply }),
      });
    } catch (error) {
      if (error instanceof AccountError) throw new HttpError(400, 'bad_name', error.message);
      throw error;
    }
    if (!settings) throw GONE;
    // This session's user follows, so what it writes next (a new ticket's stamped name) carries the new name.
    req.session.user = settings.user;
    res.json(settings);
  });

  router.post('/password', async (req, res) => {
    const parsed = PasswordBody.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'Send a JSON body with the current and the new password.');
    const userId = req.session.user!.id;
    const doc = await getUserDoc(storage, userId);
    if (!doc) throw GONE;
    if (!hasPassword(doc) || !(await verifyPassword(parsed.data.currentPassword, doc.passwordHash))) {
      throw WRONG_CURRENT;
    }
    try {
      checkPassword(parsed.data.newPassword);
    } catch (error) {
      if (error instanceof AccountError) throw new HttpError(400, 'bad_password', error.message);
      throw error;
    }
    const user = await setPassword(storage, userId, parsed.data.newPassword);
    if (!user) throw GONE;
    // As a reset does: every other session of the account ends; this one stays signed in.
    await endSessionsOf(storage.sessions, userId, req.sessionID);
    res.json({ user });
  });

  router.delete('/sessions', async (req, res) => {
    await endSessionsOf(storage.sessions, req.session.user!.id);
    await destroy(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}
