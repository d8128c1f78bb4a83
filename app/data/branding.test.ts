/** Branding: the device's copy at once (so /login looks the same offline), refreshed from /api/portal. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { until } from './testing/portal-fixture';
import { cachedBranding, createBranding } from './branding';

const acme = { name: 'Acme Support', primaryColor: '#4f46e5', logoUrl: '/portal/logo' };
const defaultLimits = { attachmentLimits: { maxBytes: 26_214_400, maxFiles: 10 }, mailOutbound: false };
beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('branding', () => {
  it('shows the cached copy first, then the server’s, and keeps it for next time', async () => {
    localStorage.setItem('harbor.branding', JSON.stringify({ ...acme, name: 'Old Name' }));
    vi.stubGlobal('fetch', vi.fn(async () => Response.json(acme)));
    await createRoot(async (dispose) => {
      const branding = createBranding();
      expect(branding().name).toBe('Old Name');
      await until(branding, (b) => b.name === 'Acme Support');
      dispose();
    });
    expect(cachedBranding()).toEqual({ ...acme, ...defaultLimits });
  });

  it('keeps the attachment limits the server tells, for the device to refuse a file before sending', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ ...acme, attachmentMaxBytes: 1_048_576, attachmentMaxFiles: 3 })));
    await createRoot(async (dispose) => {
      const branding = createBranding();
      expect(branding().attachmentLimits).toEqual(defaultLimits.attachmentLimits);
      await until(branding, (b) => b.attachmentLimits.maxFiles === 3);
      dispose();
    });
    expect(cachedBranding().attachmentLimits).toEqual({ maxBytes: 1_048_576, maxFiles: 3 });
  });

  it('keeps whether email replies leave as mail, for an agent offline to be told all the same', async () => {
    localStorage.setItem('harbor.branding', JSON.stringify({ ...acme, mailOutbound: false }));
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ ...acme, mailOutbound: true })));
    await createRoot(async (dispose) => {
      const branding = createBranding();
      expect(branding().mailOutbound).toBe(false);
      await until(branding, (b) => b.mailOutbound);
      dispose();
    });
    expect(cachedBranding().mailOutbound).toBe(true);
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    createRoot((dispose) => {
      expect(createBranding()().mailOutbound).toBe(true);
      dispose();
    });
  });

  it('keeps the cached copy offline', async () => {
    localStorage.setItem('harbor.branding', JSON.stringify(acme));
    const failing = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    vi.stubGlobal('fetch', failing);
    createRoot((dispose) => {
      expect(createBranding()()).toEqual({ ...acme, ...defaultLimits });
      dispose();
    });
    await expect.poll(() => failing.mock.calls.length).toBe(1);
    expect(cachedBranding()).toEqual({ ...acme, ...defaultLimits });
  });
});
