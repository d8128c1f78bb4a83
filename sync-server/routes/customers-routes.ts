/**
 * `/api/customers`, agents only (customers get the 404 of any unknown path, signed out 401): list and search
 * customers, add a password-less one, and send (or resend) an invitation, whose new link ends the old one.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import * as z from 'zod/mini';
import type { AccountMail } from '../mail/account-mail';
import { notFound } from '../middleware/error-handlers';
import { HttpError } from '../middleware/http-error';
import { requireUser } from '../middleware/require-user';
import { latestInvitation } from '../services/account-links';
import { AccountError, createPasswordlessAccount, getUserDoc, hasPassword, listUserDocs, type UserDoc } from '../services/accounts';
import type { Storage } from '../services/storage';
import '../session-user';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const MAIL_OFF = new HttpError(409, 'mail_off', 'Email is not set up, so invitations cannot be sent.');

const NewCustomer = z.object({ name: z.string().check(z.maxLength(1000)), email: z.string().check(z.maxLength(1000)) });

/** Agents pass; anyone else signed in gets the 404 an unknown path gets. */
function agentsOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.session.user?.role === 'agent') next();
  else notFound(req, res, next);
}

async function customerOf(storage: Storage, doc: UserDoc) {
  return { id: doc.id, name: doc.name, email: doc.email, hasPassword: hasPassword(doc), invitation: await latestInvitation(storage, doc.id) };
}

function limitOf(raw: unknown): number {
  const limit = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, limit));
}

/** The router mounted at `/api/customers`. */
export function createCustomersRouter(deps: { storage: Storage; mail: AccountMail }): express.Router {
  const { storage } = deps;
  const router = express.Router();
  router.use(requireUser, agentsOnly);

  router.get('/', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().toLowerCase() : '';
    const matching = (await listUserDocs(storage))
      .filter((doc) => doc.role === 'customer' && (!q || doc.name.toLowerCase().includes(q) || doc.email.includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
    const page = matching.slice(0, limitOf(req.query.limit));
    res.set('Cache-Control', 'no-store');
    res.json({ customers: await Promise.all(page.map((doc) => customerOf(storage, doc))), total: matching.length });
  });

  router.post('/', async (req, res) => {
    const parsed = NewCustomer.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'Send a JSON body with a name and an email.');
    try {
      const user = await createPasswordlessAccount(storage, { role: 'customer', ...parsed.data });
      res.status(201).json({ customer: { id: user.id, name: user.name, email: user.email, hasPassword: false, invitation: null } });
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      if (error.code === 'duplicate_email') throw new HttpError(409, 'conflict', 'An account with this email already exists.');
      // The code names the field (`bad_name`, `bad_email`): the screen puts the sentence under it.
      throw new HttpError(400, error.code, error.message);
    }
  });

  router.post('/:id/invitation', async (req, res) => {
    const doc = await getUserDoc(storage, String(req.params.id));
    if (!doc || doc.role !== 'customer') throw new HttpError(404, 'not_found', 'There is no customer with this id.');
    if (!deps.mail.on) throw MAIL_OFF;
    if (hasPassword(doc)) throw new HttpError(409, 'conflict', 'This customer has already set a password.');
    res.status(202).json({ invitation: await deps.mail.send(doc, 'invitation') });
  });
  return router;
}
