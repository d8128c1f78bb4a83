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

/** A journey's server with two browsers on it, a customer's and an agent's, each with its own profile. */
export interface TwoPeopleJourney {
  readonly server: RunningServer;
  readonly customer: RunningBrowser;
  readonly agent: RunningBrowser;
}

/** Registers the file's `beforeAll`/`afterAll` that start and close a demo server and two browsers on it. */
export function useCustomerAndAgent(): TwoPeopleJourney {
  let server: RunningServer | undefined;
  let browsers: RunningBrowser[] = [];
  beforeAll(async () => {
    server = await startServer();
    browsers = await Promise.all([launchBrowser(server.baseUrl), launchBrowser(server.baseUrl)]);
  });
  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.close();
  });
  return {
    get server() { return server!; },
    get customer() { return browsers[0]!; },
    get agent() { return browsers[1]!; },
  };
}
