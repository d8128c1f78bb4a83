/** The JSON 405 for a known path asked with a method it does not take, with the `Allow` header naming those it does. */
import type { RequestHandler } from 'express';

/** Answers 405 `{ error: 'method_not_allowed', reason }` with `Allow: allowed`. */
export const methodNotAllowed =
  (allowed: string): RequestHandler =>
  (_req, res) => {
    res.set('allow', allowed).status(405).json({ error: 'method_not_allowed', reason: `Only ${allowed} is allowed here.` });
  };
