/** Renders the PWA icons (192, 512, maskable 512) from one SVG with headless Chromium; run once, commit the PNGs. */
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A speech bubble with a check, white on the default brand colour; `inset` keeps it in the maskable safe zone. */
function iconSvg(size: number, maskable: boolean): string {
  const radius = maskable ? 0 : size * 0.22;
  const scale = maskable ? 0.62 : 0.78;
  const offset = (size * (1 - scale)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#5b54ee"/><stop offset="1" stop-color="#3f37c9"/></linearGradient></defs>
  <rect width="${size}" height="${size}" rx="${radius}" fill="url(#g)"/>
  <g transform="translate(${offset} ${offset}) scale(${(size * scale) / 100})">
    <path d="M20 22h60a8 8 0 0 1 8 8v34a8 8 0 0 1-8 8H46l-16 13v-13H20a8 8 0 0 1-8-8V30a8 8 0 0 1 8-8z"
      fill="#fff"/>
    <path d="M35 47l10 10 20-20" fill="none" stroke="#4f46e5" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
</svg>`;
}

const targets = [
  { file: 'public/icons/icon-192.png', size: 192, maskable: false },
  { file: 'public/icons/icon-512.png', size: 512, maskable: false },
  { file: 'public/icons/maskable-512.png', size: 512, maskable: true },
];

const dir = mkdtempSync(join(tmpdir(), 'icons-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
});
try {
  const page = await context.newPage();
  for (const t of targets) {
    await page.setViewportSize({ width: t.size, height: t.size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${iconSvg(t.size, t.maskable)}</body></html>`);
    await page.screenshot({ path: t.file, omitBackground: true, clip: { x: 0, y: 0, width: t.size, height: t.size } });
  }
} finally {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}
