/** `npm run user` with COUCHDB_URL: adds and lists accounts in the servers' CouchDB, and says what is missing. */
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openStorage } from '../services/storage';
import { runTsx } from '../test-support/spawn-tsx';

const CLI = 'sync-server/cli/user-cli.ts';
const prefix = `harbor_cli_${randomBytes(5).toString('hex')}_`;

afterAll(async () => {
  // Opening with dropOnClose drops the databases the command created.
  const storage = await openStorage({ kind: 'couchdb', url: inject('couchdbUrl'), prefix, dropOnClose: true });
  await storage.close();
});

it('adds and lists accounts in the CouchDB the servers use, and refuses in one line without their settings', async () => {
  const env = { COUCHDB_URL: inject('couchdbUrl'), COUCHDB_DB_PREFIX: prefix, REDIS_URL: inject('redisUrl'), SESSION_SECRET: 'cli-suite-secret-0123456789' };
  const added = await runTsx(CLI, ['add', '--role', 'customer', '--email', 'ada@example.com', '--name', 'Ada Lovelace'], env, 'long-enough-pw\n');
  expect(added.stderr).toBe('');
  expect(added.stdout).toMatch(/^Added customer Ada Lovelace <ada@example\.com>/);
  const listed = await runTsx(CLI, ['list'], env);
  expect(listed.stdout.trim()).toMatch(/^customer\s+ada@example\.com\s+Ada Lovelace$/);

  const { SESSION_SECRET: _, ...noSecret } = env;
  const refused = await runTsx(CLI, ['list'], noSecret);
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim().split('\n')).toEqual(['SESSION_SECRET is required with COUCHDB_URL: every server must sign cookies with the same secret.']);
});
