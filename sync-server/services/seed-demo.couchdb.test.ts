/** Several servers starting at once on an empty CouchDB seed the demo exactly once, and all show its branding. */
import { afterEach, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createApp, type HarborApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { testStorageConfig } from '../test-support/test-storage';
import { listUsers } from './accounts';

const apps: HarborApp[] = [];
afterEach(async () => {
  // One after another: the first to close drops the shared databases, the others find them gone.
  for (const app of apps.splice(0)) await app.close();
});

it('seeds the demo once when three servers start at once over one empty CouchDB', async () => {
  const shared = testStorageConfig();
  if (shared.storage.kind !== 'couchdb') throw new Error('this suite runs over CouchDB');
  const storage = { ...shared.storage, prefix: `harbor_seed_${randomBytes(5).toString('hex')}_`, dropOnClose: true };
  const config = testConfig({ ...shared, storage, seedDemo: 'auto' });
  const logger = createLogger({ silent: true });
  const started = await Promise.all([0, 1, 2].map(() => createApp(config, { logger })));
  apps.push(...started);
  expect(started.filter((app) => app.seeded)).toHaveLength(1);
  expect(started.map((app) => app.branding.name)).toEqual(['Acme Support', 'Acme Support', 'Acme Support']);
  expect((await listUsers(started[0]!.storage)).map((user) => user.email).sort()).toEqual([
    'ada@example.com', 'grace@example.com', 'sam@example.com',
  ]);
  expect(await started[0]!.storage.tickets.docCount()).toBe(18);
});
