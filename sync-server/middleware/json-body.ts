/** The JSON body parser with the size limit every endpoint shares (413 past it, 400 for malformed JSON). */
import express, { type RequestHandler } from 'express';

/**
 * The largest JSON body accepted. RxDB's default push batch (100) of the longest messages the rules accept (20,000
 * four-byte characters each) fits, with 3% to spare; the app pushes 50. It bounds bytes, `MAX_BULK_DOCS` bounds
 * documents: a batch at that count of such messages is refused here first, as 413 too (db-routes-bounds.test.ts).
 */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** Parses `application/json` bodies up to `BODY_LIMIT_BYTES`; errors go to the JSON error handler. */
export function jsonBody(): RequestHandler {
  return express.json({ limit: BODY_LIMIT_BYTES, strict: true });
}
