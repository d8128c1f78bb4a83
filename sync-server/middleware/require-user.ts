/** Guards a route for signed-in users only: 401 JSON when the session carries no user. */
import type { NextFunction, Request, Response } from 'express';
import '../session-user';

/** Passes signed-in requests on; answers 401 `{ error: 'unauthorized', reason }` otherwise. */
export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (req.session?.user) {
    next();
    return;
  }
  res.status(401).json({ error: 'unauthorized', reason: 'Sign in to continue.' });
}
