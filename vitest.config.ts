/**
 * Test projects: the shared model and the server in Node (over the embedded engine, and its suites again over the
 * CouchDB engine: pouchdb-server always, a real CouchDB when HARBOR_TEST_COUCHDB_URL is set), the app in jsdom,
 * the browser journeys in Chromium.
 */
import solid from 'vite-plugin-solid';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

/**
 * Every project hashes new passwords at a cheap scrypt cost (N=1024, not 16384): the suites create hundreds of
 * accounts, and the cost is the algorithm's, not what they test. `passwords.ts` reads it only under NODE_ENV=test.
 */
const env = { HARBOR_TEST_SCRYPT_N: '1024' };

/** The server suites that run over the CouchDB engine too. */
const COUCHDB_SUITES = ['sync-server/routes/**/*.test.ts', 'sync-server/security/**/*.test.ts', 'sync-server/**/*.couchdb.test.ts'];

const couchdbProject = (name: string, globalSetup: string): TestProjectConfiguration => ({
  test: { name, isolate: false, environment: 'node', env, include: COUCHDB_SUITES, globalSetup, testTimeout: 60_000, hookTimeout: 60_000 },
});

const realCouchdb = process.env.HARBOR_TEST_COUCHDB_URL
  ? [couchdbProject('server-couchdb-real', 'sync-server/test-support/real-couchdb-global-setup.ts')]
  : [];
if (!process.env.HARBOR_TEST_COUCHDB_URL && !process.env.VITEST_WORKER_ID) {
  console.info('server-couchdb-real: skipped (HARBOR_TEST_COUCHDB_URL is not set)');
}

export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker, so every file ran after the other (1,190 s here, 714 s of
    // it tests): most files wait on servers and browsers, not the CPU, so two share the machine well.
    maxWorkers: 2,
    // The Node, jsdom and browser projects reuse their worker's modules from file to file (`isolate: false`): a
    // fresh import of RxDB, PouchDB and Express per file was most of the run's idle time (the app project alone:
    // 98 s isolated, 28 s not). The CouchDB projects too: server-couchdb took 290 s with shared modules, and 620 s
    // isolated (import 35 s against 253 s), measured one after the other at load 10–16.
    projects: [
      {
        test: {
          name: 'server',
          isolate: false,
          environment: 'node',
          env,
          include: ['app/model/**/*.test.ts', 'sync-server/**/*.test.ts'],
          exclude: ['sync-server/**/*.couchdb.test.ts'],
          testTimeout: 30_000,
        },
      },
      couchdbProject('server-couchdb', 'sync-server/test-support/couchdb-global-setup.ts'),
      ...realCouchdb,
      {
        plugins: [solid()],
        resolve: { conditions: ['development', 'browser'] },
        test: {
          name: 'app',
          isolate: false,
          environment: 'jsdom',
          env,
          include: ['app/**/*.test.{ts,tsx}'],
          exclude: ['app/model/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          isolate: false,
          environment: 'node',
          env,
          include: ['e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Two browsers at once, after the other projects, so that journeys never compete with the CouchDB suites.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
