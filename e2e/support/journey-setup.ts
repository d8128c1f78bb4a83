/** One real server and one Chromium profile for a journey file, started before its tests and closed after. */
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type RunningBrowser } from './browser-launcher';
import { startServer, type RunningServer } from './server-launcher';

/** The journey's server and browser, readable once `beforeAll` has run. */
export interface Journey {
  readonly server: RunningServer;
  readonly browser: RunningBrowser;
}

/** Registers the file's `beforeAll`/`afterAll` that start and close a demo server and a browser on it. */
export function useServerAndBrowser(): Journey {
  let server: RunningServer | undefined;
  let browser: RunningBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() { return server!; },
    get browser() { return browser!; },
  };
}
