/** `/api/session`: sign in (a new session id and cookie), who am I, sign out. */
import express, { type Request } from 'express';
import * as z from 'zod/mini';
import { HttpError } from '../middleware/http-error';
import { SESSION_COOKIE } from '../middleware/session-middleware';
import { verifyCredentials } from '../services/accounts';
import type { Storage } from '../services/storage';
import type { SessionUser } from '../session-user';
import '../session-user';
import { signInSession } from './session-sign-in';

const SignInBody = z.object({
  email: z.string().check(z.minLength(1), z.maxLength(320)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

const WRONG_CREDENTIALS = new HttpError(401, 'unauthorized', 'The email or password is not right.');

function destroy(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/** The router mounted at `/api/session`. */
export function createSessionRouter(deps: { storage: Storage }): express.Router {
  const router = express.Router();

  router.post('/', async (req, res) => {
    const parsed = SignInBody.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(400, 'bad_request', 'Send a JSON body with an email and a password.');
    }
    const user = await verifyCredentials(deps.storage, parsed.data.email, parsed.data.password);
    if (!user) throw WRONG_CREDENTIALS;
    await signInSession(req, user);
    res.json({ user } satisfies { user: SessionUser });
  });

  router.get('/', (req, res) => {
    const user = req.session.user;
    if (!user) throw new HttpError(401, 'unauthorized', 'Not signed in.');
    res.json({ user });
  });

  router.delete('/', async (req, res) => {
    await destroy(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}
