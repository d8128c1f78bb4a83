/** Screenshots of every screen at 390×844 and 1280×800, saved to e2e/screenshots/ (gitignored) for a human look. */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../scripts/e2e-harness';
import { walkScreens } from '../scripts/e2e-screens';

const SIZES = [
  { label: 'phone', width: 390, height: 844 },
  { label: 'desktop', width: 1280, height: 800 },
];

describe('screenshots', () => {
  let h: Harness;
  beforeAll(async () => {
    mkdirSync('e2e/screenshots', { recursive: true });
    h = await startHarness();
  });
  afterAll(async () => { await h?.close(); });

  for (const size of SIZES) {
    it(`saves every screen at ${size.width}×${size.height}`, async () => {
      await h.page.setViewportSize({ width: size.width, height: size.height });
      const saved: string[] = [];
      await walkScreens(h.page, async (name) => {
        const path = `e2e/screenshots/${size.label}-${name}.png`;
        // A dialog is shot as the viewport shows it; a full-page shot would stitch the fixed overlay mid-page.
        const dialog = name.includes('dialog');
        if (!dialog) await h.page.evaluate(() => window.scrollTo(0, 0));
        await h.page.screenshot({ path, fullPage: !dialog, animations: 'disabled' });
        saved.push(path);
      }, h.baseUrl);
      expect(saved.length).toBeGreaterThanOrEqual(12);
    });
  }
});
