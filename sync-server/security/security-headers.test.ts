/** Security headers: helmet's set and a Content-Security-Policy with no inline script and only the portal's origin. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function directives(header: string): Map<string, string> {
  return new Map(header.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
}

describe('security headers', () => {
  it.each(['/api/portal', '/manifest.webmanifest', '/nothing-here'])('sends the policy and helmet headers on %s', async (path) => {
    const res = await t.agent().get(path);
    const csp = directives(res.headers['content-security-policy'] as string);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('script-src-attr')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('connect-src')).toBe("'self'");
    for (const [name, value] of csp) {
      expect(value, name).not.toMatch(/unsafe-eval|\*|https?:/);
      if (name !== 'style-src') expect(value, name).not.toContain('unsafe-inline');
    }
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('behind an HTTPS proxy also upgrades requests and sends HSTS', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const res = await proxied.agent().get('/api/portal');
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
  });
});
