/** `npm run migrate`: help, refusals of bad input in one line with exit 1, a data directory in use, and Ctrl-C (130). */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../services/storage';
import { freePort } from '../test-support/free-port';
import { finished, killGroup, runTsx, spawnTsx } from '../test-support/spawn-tsx';

const CLI = 'sync-server/cli/migrate-cli.ts';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-migrate-cli-'));
const dataDir = path.join(tmp, 'data');
const started: ChildProcess[] = [];

beforeAll(async () => {
  // An embedded portal that was started once: every database exists, nothing in them.
  await (await openStorage({ kind: 'leveldb', dataDir })).close();
  mkdirSync(path.join(tmp, 'empty'));
});
afterAll(() => {
  for (const child of started) killGroup(child);
  rmSync(tmp, { recursive: true, force: true });
});

const migrate = (args: string[], env: Record<string, string> = {}) => runTsx(CLI, args, env);

/** Expects exit 1 and exactly one line on stderr, matching `line`. */
async function expectRefused(args: string[], line: RegExp, env: Record<string, string> = {}): Promise<void> {
  const res = await migrate(args, env);
  expect(res.code, args.join(' ')).toBe(1);
  expect(res.stderr.trimEnd().split('\n'), args.join(' ')).toEqual([expect.stringMatching(line)]);
  expect(res.stdout, args.join(' ')).toBe('');
}

describe('migrate CLI', () => {
  it('prints its usage with --help', async () => {
    const res = await migrate(['--help']);
    expect([res.code, res.stderr]).toEqual([0, '']);
    expect(res.stdout).toMatch(/^Usage: npm run migrate -- \[--from DIR\] \[--to URL\] \[--prefix PREFIX\]/);
    for (const flag of ['--from', '--to', '--prefix', '--help']) expect(res.stdout).toContain(`  ${flag}`);
  });

  it('refuses bad flags, directories and URLs in one line', async () => {
    const to = ['--to', 'http://127.0.0.1:5984'];
    await expectRefused(['--form', dataDir], /^migrate: Unknown option '--form'; see --help\.$/);
    await expectRefused(['--from', dataDir, 'extra'], /^migrate: Unexpected argument 'extra'; see --help\.$/);
    await expectRefused(['--from', path.join(tmp, 'nowhere'), ...to], /^migrate: --from .*nowhere: no such directory\.$/);
    await expectRefused(['--from', path.join(tmp, 'empty'), ...to], /^migrate: --from .*empty is not an embedded Harbor data directory/);
    await expectRefused(to, /^migrate: --from .*nowhere: no such directory\.$/, { DATA_DIR: path.join(tmp, 'nowhere') });
    await expectRefused(['--from', dataDir], /^migrate: --to is required \(or COUCHDB_URL\)/);
    await expectRefused(['--from', dataDir, '--to', 'couch-1:5984'], /^migrate: --to must start with http:\/\/ or https:\/\//);
    await expectRefused(['--from', dataDir, '--to', 'not a url'], /^migrate: --to must be a URL such as http:\/\/admin:secret@couch-1:5984\.$/);
    await expectRefused(['--from', dataDir, '--to', 'http://127.0.0.1:5984/harbor_users'], /^migrate: --to must name the server only .*; --prefix names/);
    await expectRefused(['--from', dataDir, ...to, '--prefix', 'Harbor'], /^migrate: --prefix must start with a lowercase letter/);
    await expectRefused(['--from', dataDir], /^migrate: COUCHDB_URL must start with http/, { COUCHDB_URL: 'couch-1:5984' });
    await expectRefused(['--from', dataDir], /^migrate: COUCHDB_DB_PREFIX must start with a lowercase letter/, { COUCHDB_URL: to[1]!, COUCHDB_DB_PREFIX: '9x' });
  }, 120_000);

  it('says when CouchDB cannot be reached', async () => {
    const port = await freePort();
    await expectRefused(['--from', dataDir, '--to', `http://admin:pw@127.0.0.1:${port}`], new RegExp(`^migrate: CouchDB at http://127\\.0\\.0\\.1:${port} cannot be reached`));
  });

  it('says to stop the embedded server when its data directory is in use', async () => {
    const held = await openStorage({ kind: 'leveldb', dataDir });
    try {
      await expectRefused(['--from', dataDir, '--to', 'http://127.0.0.1:5984'], /^migrate: .*data is in use: stop the embedded server first\.$/);
    } finally {
      await held.close();
    }
  });

  it('exits 130 on Ctrl-C, saying it can be run again', async () => {
    // A CouchDB that takes the request and never answers: the migration is under way when Ctrl-C comes.
    const held: http.ServerResponse[] = [];
    let reached!: () => void;
    const asked = new Promise<void>((resolve) => (reached = resolve));
    const stuck = http.createServer((_req, res) => {
      held.push(res);
      reached();
    });
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    try {
      const child = spawnTsx(CLI, ['--from', dataDir, '--to', `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`], {});
      started.push(child);
      const exit = finished(child);
      await asked;
      child.kill('SIGINT');
      const res = await exit;
      expect(res.code).toBe(130);
      expect(res.stderr.trim()).toBe('migrate: interrupted; what was copied stays; run the same command again to finish.');
    } finally {
      for (const res of held) res.destroy();
      await new Promise((resolve) => stuck.close(resolve));
    }
  });
});
