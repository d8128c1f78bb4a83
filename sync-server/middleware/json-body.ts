/** The JSON body parser with the size limit every endpoint shares (413 past it, 400 for malformed JSON). */
import express, { type RequestHandler } from 'express';

/** The largest JSON body accepted: a full push batch of 100 long messages fits with room to spare. */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** Parses `application/json` bodies up to `BODY_LIMIT_BYTES`; errors go to the JSON error handler. */
export function jsonBody(): RequestHandler {
  return express.json({ limit: BODY_LIMIT_BYTES, strict: true });
}
