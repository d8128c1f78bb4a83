/** The server process: start-up messages, bad configuration, a locked data directory, restart and shutdown. */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './test-support/free-port';
import { finished, killGroup, runTsx, spawnTsx, waitForOutput } from './test-support/spawn-tsx';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-main-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) killGroup(child);
  rmSync(tmp, { recursive: true, force: true });
});

const URL_LINE = /is serving (http:\/\/127\.0\.0\.1:\d+)/;

describe('main', () => {
  it('stops on bad configuration with a one-line reason and exit code 1', async () => {
    const res = await runTsx('sync-server/main.ts', [], { DATA_DIR: path.join(tmp, 'bad'), PORTAL_PRIMARY_COLOR: 'blue' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^harbor: PORTAL_PRIMARY_COLOR must be a hex colour/)]);
  }, 60_000);

  it('stops with one line, without the password, when CouchDB at COUCHDB_URL cannot be reached', async () => {
    const port = await freePort();
    const res = await runTsx('sync-server/main.ts', [], {
      COUCHDB_URL: `http://admin:hunter2-secret@127.0.0.1:${port}`,
      SESSION_SECRET: 'a-secret-shared-by-every-server',
      REDIS_URL: 'redis://127.0.0.1:1',
      PORT: '0',
    });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^harbor: CouchDB at http://127\\.0\\.0\\.1:${port} cannot be reached`))]);
    expect(res.stderr).not.toContain('hunter2');
  }, 60_000);

  it('seeds and prints the demo sign-ins, keeps sessions across a restart, refuses a second process, drains feeds and exits 0 on SIGTERM', async () => {
    const dataDir = path.join(tmp, 'data');
    const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };

    const first = spawnTsx('sync-server/main.ts', [], env);
    const firstExit = finished(first);
    started.push(first);
    const output = await waitForOutput(first, /is serving (http:\/\/127\.0\.0\.1:\d+)[^]*sam@example\.com.*\n/);
    const firstUrl = output[1];
    expect(output[0]).toMatch(/Demo sign-ins \(password "demo-password"\)/);
    expect(output[0]).toMatch(/ada@example\.com/);
    expect(statSync(path.join(dataDir, 'session-secret')).mode & 0o777).toBe(0o600);

    const signIn = await fetch(`${firstUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', password: 'demo-password' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    const second = await runTsx('sync-server/main.ts', [], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/the data directory is in use by another process/);

    // An open feed ends when the server stops: the agent's event stream is open once its headers arrive.
    const sam = await fetch(`${firstUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@example.com', password: 'demo-password' }),
    });
    const samCookie = sam.headers.get('set-cookie')!.split(';')[0]!;
    const stream = await fetch(`${firstUrl}/db/messages/_changes?feed=eventsource&since=now`, { headers: { cookie: samCookie } });
    expect(stream.status).toBe(200);
    // A customer's held longpoll is answered (empty, so RxDB simply asks again elsewhere), not cut.
    const longpoll = fetch(`${firstUrl}/db/tickets/_changes?feed=longpoll&since=now&timeout=60000`, { headers: { cookie } });
    // A request sent after it and answered means the server has taken the longpoll in (one process, in order).
    expect((await fetch(`${firstUrl}/api/health`)).status).toBe(200);
    first.kill('SIGTERM');
    expect(await stream.text()).toMatch(/^:ok/);
    const answered = await longpoll;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ results: [] });
    expect((await firstExit).code).toBe(0);

    const again = spawnTsx('sync-server/main.ts', [], env);
    started.push(again);
    const againExit = finished(again);
    const [, againUrl] = await waitForOutput(again, URL_LINE);
    const me = await fetch(`${againUrl}/api/session`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
    again.kill('SIGINT');
    const last = await againExit;
    expect(last.code).toBe(0);
    expect(last.stdout).not.toMatch(/Demo sign-ins/);
  }, 120_000);
});
