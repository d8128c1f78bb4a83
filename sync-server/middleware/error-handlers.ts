/** The last two handlers: a JSON 404 and the 4-argument error handler that never shows a stack trace. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { HttpError } from './http-error';

/** Answers every unmatched request with 404 `{ error: 'not_found', reason }`. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'not_found', reason: `Nothing here: ${req.method} ${req.path}` });
};

const ERROR_NAMES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  /** Set on PouchDB's errors: their status is the storage's answer to the server, never the client's fault. */
  error?: unknown;
}

/** Turns any error into `{ error, reason }` JSON with the right status; logs server faults. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof HttpError) {
      res.set(err.headers).status(err.status).json({ error: err.error, reason: err.reason });
      return;
    }
    const info = (err ?? {}) as BodyParserError;
    const status = info.error === true ? 500 : (info.status ?? info.statusCode ?? 500);
    if (info.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'bad_request', reason: 'The request body is not valid JSON.' });
    } else if (info.type === 'entity.too.large') {
      res.status(413).json({ error: 'payload_too_large', reason: 'The request body is larger than the server accepts.' });
    } else if (status >= 400 && status < 500) {
      const reason = info.expose && err instanceof Error ? err.message : 'The request could not be handled.';
      res.status(status).json({ error: ERROR_NAMES[status] ?? 'bad_request', reason });
    } else {
      logger.error('request failed', { method: req.method, path: req.path, error: err });
      res.status(500).json({ error: 'internal_error', reason: 'Something went wrong on the server.' });
    }
  };
}
