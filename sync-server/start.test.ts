/** `npm start` rebuilds only when the build is missing or older than a source of the app. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { needsBuild } from './start';

const root = mkdtempSync(path.join(os.tmpdir(), 'harbor-start-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function touch(file: string, secondsAgo: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'x');
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, at, at);
}

describe('needsBuild', () => {
  it('builds when dist is missing, or older than app/, public/ or vite.config.ts', () => {
    touch(path.join(root, 'app', 'routes', 'page.tsx'), 100);
    touch(path.join(root, 'vite.config.ts'), 100);
    utimesSync(path.join(root, 'app', 'routes'), new Date(Date.now() - 100_000), new Date(Date.now() - 100_000));
    utimesSync(path.join(root, 'app'), new Date(Date.now() - 100_000), new Date(Date.now() - 100_000));
    expect(needsBuild(root)).toBe(true);
    touch(path.join(root, 'dist', 'index.html'), 50);
    expect(needsBuild(root)).toBe(false);
    touch(path.join(root, 'app', 'routes', 'page.tsx'), 10);
    expect(needsBuild(root)).toBe(true);
    touch(path.join(root, 'dist', 'index.html'), 5);
    touch(path.join(root, 'public', 'icons', 'icon-192.png'), 1);
    expect(needsBuild(root)).toBe(true);
  });
});
