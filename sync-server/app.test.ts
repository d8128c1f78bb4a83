/** The app's edges: JSON 404, malformed and oversized bodies, and errors that never show a stack trace. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from './middleware/json-body';
import { createTestApp, type TestApp } from './test-support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('createApp', () => {
  it('answers unknown paths with a JSON 404', async () => {
    const res = await request(t.app).get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: 'not_found', reason: expect.any(String) });
  });

  it('answers malformed JSON with 400 bad_request and no stack trace', async () => {
    const res = await request(t.app).post('/api/session').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', reason: expect.any(String) });
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an oversized body with 413', async () => {
    const body = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(BODY_LIMIT_BYTES) });
    const res = await request(t.app).post('/api/session').set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: 'payload_too_large', reason: expect.any(String) });
  });

  it('answers 401 JSON on /db without a session', async () => {
    const res = await request(t.app).get('/db/tickets/_changes');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized', reason: expect.any(String) });
  });

  it('closes once, even when asked twice', async () => {
    await Promise.all([t.close(), t.close()]);
  });
});

describe('malformed requests', () => {
  it('never answers a malformed URL with a server error or an HTML error page', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'harbor-app-dist-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    const built = await createTestApp({ distDir: dist });
    try {
      for (const url of ['/%E0%A4%A', '/db/tickets%E0/_changes', '/api/session/%zz', '/assets/%E0.js']) {
        const res = await request(built.app).get(url).set('Accept', 'text/html');
        expect(res.status, url).toBeLessThan(500);
        // Either the app's own page (an app route it will show as not found) or a JSON error.
        if (res.status >= 400) expect(res.headers['content-type'], url).toMatch(/^application\/json/);
        else expect(res.text, url).toBe('<!doctype html>');
      }
    } finally {
      await built.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
