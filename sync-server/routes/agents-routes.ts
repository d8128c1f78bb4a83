/** `GET /api/agents`: every agent's id and name, for the assignee picker; agents only. */
import express from 'express';
import { HttpError } from '../middleware/http-error';
import { requireUser } from '../middleware/require-user';
import { listUsers } from '../services/accounts';
import type { Storage } from '../services/storage';
import '../session-user';

/** The router mounted at `/api/agents`: 401 signed out, 403 for customers, else `{ agents: [{ id, name }] }` by name. */
export function createAgentsRouter(deps: { storage: Storage }): express.Router {
  const router = express.Router();
  router.get('/', requireUser, async (req, res) => {
    if (req.session.user?.role !== 'agent') throw new HttpError(403, 'forbidden', 'Only agents can list agents.');
    const agents = (await listUsers(deps.storage))
      .filter((user) => user.role === 'agent')
      .map((user) => ({ id: user.id, name: user.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    res.set('Cache-Control', 'no-store');
    res.json({ agents });
  });
  return router;
}
