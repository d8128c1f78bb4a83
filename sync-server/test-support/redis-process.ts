/** A real redis-server for tests: a free loopback port, a temp directory, no persistence; stopped (by its PID) after. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running redis-server. */
export interface RedisProcess {
  url: string;
  port: number;
  /** Stops it and starts a new, empty one on the same port (a lost Redis coming back). */
  restartEmpty(): Promise<void>;
  stop(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** Resolves once something accepts connections on `port` (redis-server answers as soon as it listens). */
function listening(port: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const tryOnce = (): void => {
      if (child.exitCode !== null) return reject(new Error(`redis-server exited with ${child.exitCode}`));
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        setTimeout(tryOnce, 20);
      });
    };
    tryOnce();
  });
}

function launch(port: number, dir: string): ChildProcess {
  return spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
}

async function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Starts redis-server; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'harbor-redis-'));
  const port = await freePort();
  let child = launch(port, dir);
  await listening(port, child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restartEmpty() {
      await end(child);
      child = launch(port, dir);
      await listening(port, child);
    },
    async stop() {
      await end(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
