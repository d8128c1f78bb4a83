/** Chromium for browser journeys: Debian's binary, a persistent profile (so it can be closed and started again). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The flags every browser test uses on this machine. */
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A running browser on one profile. `restart()` closes it and starts it again on the same profile. */
export interface RunningBrowser {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Launches Chromium with `baseURL` on a fresh profile (removed on `close`). */
export async function launchBrowser(
  baseURL: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<RunningBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'harbor-e2e-'));
  const open = async () => {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      baseURL,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page };
  };
  const running = { ...(await open()), profileDir } as RunningBrowser;
  running.restart = async () => {
    await running.context.close();
    Object.assign(running, await open());
  };
  running.close = async () => {
    await running.context.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  return running;
}
