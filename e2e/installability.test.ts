/** (4) Chromium's own installability check (CDP Page.getInstallabilityErrors, persistent profile) reports nothing. */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serviceWorkerReady, startServer } from './support';
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

describe('update prompt', () => {
  it('offers "A new version is available" when a new build waits, and Reload moves the page onto it', async () => {
    // A private copy of the build, so that "deploying" a new service worker touches no other test's files.
    const distDir = mkdtempSync(join(tmpdir(), 'harbor-dist-'));
    cpSync(resolve('dist'), distDir, { recursive: true });
    const server = await startServer({ distDir });
    const browser = await launchBrowser(server.baseUrl);
    try {
      const { page } = browser;
      await page.goto('/login');
      await serviceWorkerReady(page);
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await page.getByText('A new version is available').count()).toBe(0);

      appendFileSync(join(distDir, 'sw.js'), '\n// next build\n');
      await page.reload();
      await page.getByText('A new version is available').waitFor({ timeout: 20_000 });
      const reloaded = page.waitForEvent('load');
      await page.getByRole('button', { name: 'Reload' }).click();
      await reloaded;
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
      expect(waiting).toBe(false);
      expect(await page.getByText('A new version is available').count()).toBe(0);
    } finally {
      await browser.close();
      await server.close();
      rmSync(distDir, { recursive: true, force: true });
    }
  });
});
