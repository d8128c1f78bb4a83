// The anchor: pouchdb-server as a child process on 127.0.0.1, a free port and its own temp data directory, started and stopped by the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A running pouchdb-server. */
export interface PouchServer {
  baseUrl: string;
  pid: number;
  dataDir: string;
  /** Resident memory of the child process in MB (from /proc). */
  rssMB(): number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function waitUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`pouchdb-server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Starts pouchdb-server (LevelDB, or memory when `inMemory`) and resolves once it answers `GET /`. */
export async function startPouchServer(options: { inMemory?: boolean } = {}): Promise<PouchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pouchdb-server-bench-'));
  const port = await freePort();
  const configPath = join(dataDir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ log: { file: join(dataDir, 'log.txt'), level: 'error' } }));
  const bin = resolve(import.meta.dirname, '../../node_modules/pouchdb-server/bin/pouchdb-server');
  const child = spawn(process.execPath, [bin, '--host', '127.0.0.1', '--port', String(port), '--dir', dataDir, '--config', configPath, '--no-stdout-logs', ...(options.inMemory ? ['--in-memory'] : [])], {
    cwd: dataDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUp(`${baseUrl}/`, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; stderr: ${stderr}`);
  }
  return {
    baseUrl,
    pid: child.pid!,
    dataDir,
    rssMB() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return Number.NaN;
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
