/** (4) Chromium's own installability check (CDP Page.getInstallabilityErrors, persistent profile) reports nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceWorkerReady } from './support';
import { startHarness, type Harness } from '../scripts/e2e-harness';

describe('installability', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.close(); });

  it('has a manifest with 192, 512 and maskable icons, a controlling service worker, and no installability errors', async () => {
    await h.page.goto('/login');
    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await serviceWorkerReady(h.page);
    const cdp = await h.context.newCDPSession(h.page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    const icons = (JSON.parse(manifest.data ?? '{}') as { icons?: { sizes: string; purpose?: string }[] }).icons ?? [];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  });
});
