/**
 * Seeds an agent's device with a large set (default 5,000 tickets, 50,000 messages) for benchmarks
 * (bench/suites/agent-inbox.bench.ts), in Chromium with real IndexedDB. How: agent-device-entry.ts (the app's
 * own database code) is bundled here with esbuild and injected into a page of the app's origin, which then
 * writes through RxDB's bulkInsert. Nothing of this is in the shipped app. Seed before the app opens the
 * copy (e.g. on /login, before signing in); the app then finds the documents when it opens `/agent`.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { SessionUser } from '../../app/model';

let bundle: Promise<string> | undefined;

/** The browser bundle (built once per process). */
function deviceBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./agent-device-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    conditions: ['browser', 'production'],
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/** Same-origin, so the app's Content-Security-Policy (`script-src 'self'`) lets it run; answered by the test, not the server. */
const BUNDLE_PATH = '/__test__/agent-device.js';

async function inject(page: Page): Promise<void> {
  if (await page.evaluate(() => 'harborAgentDevice' in globalThis)) return;
  const body = await deviceBundle();
  await page.context().route(`**${BUNDLE_PATH}`, (route) => route.fulfill({ body, contentType: 'text/javascript' }));
  await page.addScriptTag({ url: BUNDLE_PATH });
}

type DeviceApi = {
  seed(agent: SessionUser, tickets: number, perTicket: number, storeIndex: boolean): Promise<{ ms: number }>;
};

/**
 * Writes `tickets` tickets with `perTicket` messages each (the last one an internal note) into `agent`'s
 * copy on the page's origin (`page` must be there, e.g. on /login). By default the inbox then indexes them
 * and stores its index, as the app does while replication brings documents in; `storeIndex: false` leaves
 * a device the app has never opened (its first open reads every document). Returns the time taken.
 */
export async function seedAgentDevice(
  page: Page,
  agent: SessionUser,
  options: { tickets?: number; perTicket?: number; storeIndex?: boolean } = {},
): Promise<{ ms: number }> {
  await inject(page);
  return page.evaluate(
    ([user, tickets, perTicket, storeIndex]) =>
      (globalThis as unknown as { harborAgentDevice: DeviceApi }).harborAgentDevice.seed(user, tickets, perTicket, storeIndex),
    [agent, options.tickets ?? 5_000, options.perTicket ?? 10, options.storeIndex ?? true] as const,
  );
}
