/** Branding: `/api/portal`, the logo from the portal's origin, and the manifest rendered from the same values. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-portal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('GET /api/portal', () => {
  it('tells the device the configured attachment limits, for it to say before sending', async () => {
    t = await createTestApp({ attachmentMaxBytes: 1_048_576, attachmentMaxFiles: 3 });
    const res = await request(t.app).get('/api/portal');
    expect(res.body).toMatchObject({ attachmentMaxBytes: 1_048_576, attachmentMaxFiles: 3 });
  });

  it('tells whether email replies leave as mail (SMTP_URL set), and nothing of the mail setup itself', async () => {
    const outbound = { smtpUrl: 'smtp://user:secret@mail.example.com:587', from: 'Acme Support <support@acme.example>', address: 'support@acme.example' };
    t = await createTestApp({ mail: { outbound } });
    const res = await request(t.app).get('/api/portal');
    expect(res.body.mailOutbound).toBe(true);
    expect(res.text).not.toContain('mail.example.com');
    expect(res.text).not.toContain('secret');
  });

  it('answers the plain default without the demo or variables, with no logo', async () => {
    t = await createTestApp();
    const res = await request(t.app).get('/api/portal');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'Support Portal', primaryColor: '#2563eb', logoUrl: null, attachmentMaxBytes: 26_214_400, attachmentMaxFiles: 10,
      mailOutbound: false,
    });
    expect((await request(t.app).get('/api/portal/logo')).status).toBe(404);
  });

  it('answers the demo branding, with its SVG logo, when the demo was seeded', async () => {
    t = await createTestApp({ seedDemo: true });
    const res = await request(t.app).get('/api/portal');
    expect(res.body).toMatchObject({ name: 'Acme Support', primaryColor: '#4f46e5', logoUrl: '/api/portal/logo' });
    const logo = await request(t.app).get('/api/portal/logo');
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(logo.body.toString()).toContain('<svg');
  });

  it('lets the variables win over the demo', async () => {
    const file = path.join(tmp, 'brand.png');
    writeFileSync(file, PNG_SIGNATURE);
    t = await createTestApp({ seedDemo: true, portalName: 'Globex Help', portalPrimaryColor: '#0a7f3f', portalLogo: file });
    const res = await request(t.app).get('/api/portal');
    expect(res.body).toMatchObject({ name: 'Globex Help', primaryColor: '#0a7f3f', logoUrl: '/api/portal/logo' });
    const logo = await request(t.app).get('/api/portal/logo');
    expect(logo.headers['content-type']).toBe('image/png');
    expect(new Uint8Array(logo.body)).toEqual(PNG_SIGNATURE);
  });
});

describe('GET /manifest.webmanifest', () => {
  it('renders the manifest from the branding, uncached', async () => {
    t = await createTestApp({ portalName: 'Globex Customer Help', portalPrimaryColor: '#0a7f3f' });
    const res = await request(t.app).get('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const manifest = JSON.parse(res.text);
    expect(manifest).toMatchObject({
      name: 'Globex Customer Help',
      short_name: 'Globex',
      theme_color: '#0a7f3f',
      background_color: '#ffffff',
      display: 'standalone',
      start_url: '/',
      scope: '/',
    });
    expect(manifest.icons).toEqual([
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ]);
  });
});
