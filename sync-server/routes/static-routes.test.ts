/** The built app at `/`: caching headers, the SPA fallback, and a 503 that says to build when there is no build. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

const dist = mkdtempSync(path.join(os.tmpdir(), 'harbor-dist-'));
beforeAll(() => {
  mkdirSync(path.join(dist, 'assets'));
  mkdirSync(path.join(dist, 'icons'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Harbor</title><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-B4x9c2Qd.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(path.join(dist, 'workbox-5f3a1b2c.js'), '/* workbox */');
  writeFileSync(path.join(dist, 'registerSW.js'), '/* register */');
  writeFileSync(path.join(dist, 'icons', 'icon-192.png'), 'png');
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('static serving', () => {
  it('caches hashed assets for a year and never caches the HTML, service worker or Workbox', async () => {
    t = await createTestApp({ distDir: dist });
    const asset = await request(t.app).get('/assets/index-B4x9c2Qd.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const file of ['/sw.js', '/workbox-5f3a1b2c.js', '/registerSW.js', '/icons/icon-192.png']) {
      const res = await request(t.app).get(file);
      expect(res.status, file).toBe(200);
      expect(res.headers['cache-control'], file).toBe('no-cache');
    }
    const index = await request(t.app).get('/').set('Accept', 'text/html');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.text).toContain('<div id="root">');
  });

  it('falls back to index.html for app routes that accept HTML, but not for /api, /db or missing files', async () => {
    t = await createTestApp({ distDir: dist });
    const route = await request(t.app).get('/tickets/0190ab12-3c4d').set('Accept', 'text/html,application/xhtml+xml');
    expect(route.status).toBe(200);
    expect(route.headers['content-type']).toMatch(/^text\/html/);
    expect(route.headers['cache-control']).toBe('no-cache');
    const api = await request(t.app).get('/api/nothing').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.body).toEqual({ error: 'not_found', reason: expect.any(String) });
    const missing = await request(t.app).get('/assets/gone-123.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    const json = await request(t.app).get('/tickets').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    const post = await request(t.app).post('/tickets').set('Accept', 'text/html').send({});
    expect(post.status).toBe(404);
  });

  it('answers 503 with how to build when there is no build', async () => {
    t = await createTestApp();
    const res = await request(t.app).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'not_built', reason: expect.stringContaining('npm run build') });
  });
});
