/** The error handler: the right status and `{ error, reason }` for every kind of error, never a stack trace. */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../logger';
import { createErrorHandler, notFound } from './error-handlers';
import { HttpError } from './http-error';

function appThrowing(error: unknown, logger: Logger = createLogger({ silent: true })) {
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.use(notFound);
  app.use(createErrorHandler(logger));
  return app;
}

describe('createErrorHandler', () => {
  it('answers an HttpError with its status and body', async () => {
    const res = await request(appThrowing(new HttpError(403, 'forbidden', 'Not yours.'))).get('/boom');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'forbidden', reason: 'Not yours.' });
  });

  it('sends the headers an HttpError carries', async () => {
    const res = await request(appThrowing(new HttpError(429, 'too_many_requests', 'Later.', { 'retry-after': '12' }))).get('/boom');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('12');
    expect(res.body).toEqual({ error: 'too_many_requests', reason: 'Later.' });
  });

  it('answers an unexpected error with 500 JSON, logs it, and shows no stack or message', async () => {
    const logged: unknown[] = [];
    const logger: Logger = { info() {}, warn() {}, error: (_message, fields) => void logged.push(fields) };
    const res = await request(appThrowing(new Error('secret database detail'), logger)).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal_error', reason: expect.any(String) });
    expect(res.text).not.toContain('secret database detail');
    expect(logged).toHaveLength(1);
  });

  it('answers a client error from a library (status under 500) as JSON with its status', async () => {
    const clientError = Object.assign(new Error('range not satisfiable'), { status: 416, expose: true });
    const res = await request(appThrowing(clientError)).get('/boom');
    expect(res.status).toBe(416);
    expect(res.body).toEqual({ error: 'bad_request', reason: 'range not satisfiable' });
  });

  it('answers a storage error with 500, whatever status PouchDB gave it', async () => {
    const pouchError = Object.assign(new Error('_id must not start with an underscore'), { status: 400, error: true, name: 'bad_request' });
    const res = await request(appThrowing(pouchError)).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal_error', reason: expect.any(String) });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const app = appThrowing(new Error('unused'));
    const missing = await request(app).get('/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'not_found', reason: expect.any(String) });
  });
});
