/** `POST /api/invitation/accept` `{token, password}`: an invited customer sets their password and is signed in (see `link-completion`). */
import express from 'express';
import type { Storage } from '../services/storage';
import { completeLink } from './link-completion';

/** The router mounted at `/api/invitation`. */
export function createInvitationRouter(deps: { storage: Storage }): express.Router {
  const router = express.Router();
  router.post('/accept', completeLink(deps.storage, 'invitation'));
  return router;
}
