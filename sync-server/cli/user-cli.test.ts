/** `npm run user`: add (password from stdin), refusals in one line, list, and a data directory in use. */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finished, killGroup, runTsx, spawnTsx, waitForOutput } from '../test-support/spawn-tsx';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-cli-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) killGroup(child);
  rmSync(tmp, { recursive: true, force: true });
});

const CLI = 'sync-server/cli/user-cli.ts';

describe('user CLI', () => {
  it('adds accounts, refuses bad ones in one line, lists them, and says to stop a running server', async () => {
    const env = { DATA_DIR: path.join(tmp, 'data') };
    const add = (args: string[], password: string) =>
      runTsx(CLI, ['add', ...args], env, `${password}\n`);

    const added = await add(['--role', 'agent', '--email', 'Sam@Example.com', '--name', 'Sam Rivera'], 'long-enough-pw');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added agent Sam Rivera <sam@example\.com>/);

    const refusals: Array<[string[], string, RegExp]> = [
      [['--role', 'agent', '--email', 'sam@example.com', '--name', 'Sam Again'], 'long-enough-pw', /already exists/],
      [['--role', 'admin', '--email', 'x@example.com', '--name', 'X'], 'long-enough-pw', /role must be customer or agent/],
      [['--role', 'customer', '--email', 'not-an-email', '--name', 'X'], 'long-enough-pw', /is not an email address/],
      [['--role', 'customer', '--email', 'x@example.com', '--name', 'X'], 'short', /at least 8 characters/],
    ];
    for (const [args, password, reason] of refusals) {
      const res = await add(args, password);
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stderr.trim().split('\n'), args.join(' ')).toEqual([expect.stringMatching(reason)]);
    }

    const customer = await add(['--role', 'customer', '--email', 'ada@example.com', '--name', 'Ada Lovelace'], 'another-pw-1');
    expect(customer.code).toBe(0);
    const listed = await runTsx(CLI, ['list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^agent\s+sam@example\.com\s+Sam Rivera$/),
      expect.stringMatching(/^customer\s+ada@example\.com\s+Ada Lovelace$/),
    ]);

    const server = spawnTsx('sync-server/main.ts', [], { ...env, PORT: '0' });
    started.push(server);
    const serverExit = finished(server);
    await waitForOutput(server, /is serving/);
    const locked = await add(['--role', 'customer', '--email', 'grace@example.com', '--name', 'Grace'], 'long-enough-pw');
    expect(locked.code).toBe(1);
    expect(locked.stderr.trim()).toBe('Stop the server first: the data directory is in use.');
    server.kill('SIGTERM');
    expect((await serverExit).code).toBe(0);
  }, 120_000);
});
