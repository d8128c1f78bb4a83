/** `requireUser`: passes signed-in requests, answers 401 JSON otherwise. */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requireUser } from './require-user';

function appWith(user: unknown) {
  const app = express();
  app.use((req, _res, next) => {
    (req as unknown as { session: unknown }).session = { user };
    next();
  });
  app.get('/private', requireUser, (_req, res) => void res.json({ ok: true }));
  return app;
}

describe('requireUser', () => {
  it('answers 401 without a session user and passes with one', async () => {
    const denied = await request(appWith(undefined)).get('/private');
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual({ error: 'unauthorized', reason: expect.any(String) });
    const allowed = await request(appWith({ id: 'u1', name: 'A', email: 'a@b.co', role: 'agent' })).get('/private');
    expect(allowed.status).toBe(200);
  });
});
