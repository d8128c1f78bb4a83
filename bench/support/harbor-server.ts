// Our sync server for the bench: createApp on LevelDB in a fresh temp dir, seeded straight through storage, on 127.0.0.1:0.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type HarborApp } from '../../sync-server/app';
import { testConfig } from '../../sync-server/config';
import { createLogger } from '../../sync-server/logger';
import { randomBytes, scryptSync } from 'node:crypto';
import { openStorage, type Storage } from '../../sync-server/services/storage';
import type { SessionUser } from '../../app/model/user';

/** The password of every bench account. */
export const BENCH_PASSWORD = 'bench-password-1';

/** A running bench server. */
export interface HarborBenchServer {
  baseUrl: string;
  harbor: HarborApp;
  dataDir: string;
  close(): Promise<void>;
}

/** What to put into storage before the server starts. */
export interface HarborSeed {
  users: SessionUser[];
  /** Called with the open storage; write tickets and messages with bulkDocs. */
  fill?(storage: Storage): Promise<void>;
}

/**
 * The bench password hashed in the server's format with a cheap cost (N=1024 instead of 16384): the server reads
 * the cost from the stored hash, so signing in 1,000 bench customers takes seconds. Sign-in is not what is measured.
 */
function cheapHash(password: string): string {
  const salt = new Uint8Array(randomBytes(16));
  const key = scryptSync(password.normalize('NFKC'), salt, 64, { N: 1024, r: 8, p: 1 });
  return ['scrypt', 1024, 8, 1, Buffer.from(salt).toString('base64'), key.toString('base64')].join('$');
}

/** Writes `users` as accounts sharing one cheap password hash (into any storage, embedded or a cluster's CouchDB). */
export async function writeUsers(storage: Storage, users: SessionUser[]): Promise<void> {
  const passwordHash = cheapHash(BENCH_PASSWORD);
  const createdAt = new Date().toISOString();
  const docs = users.flatMap((u) => [
    { _id: `email:${u.email.toLowerCase()}`, type: 'email', userId: u.id },
    { _id: u.id, type: 'user', id: u.id, name: u.name, email: u.email, role: u.role, passwordHash, createdAt },
  ]);
  for (let i = 0; i < docs.length; i += 2000) await storage.users.bulkDocs(docs.slice(i, i + 2000));
}

/** Writes `docs` into `db` in chunks. */
export async function bulkWrite(db: Storage['tickets'], docs: object[], chunk = 2000): Promise<void> {
  for (let i = 0; i < docs.length; i += chunk) {
    const rows = await db.bulkDocs(docs.slice(i, i + chunk));
    const bad = rows.find((r) => 'error' in r);
    if (bad) throw new Error(`seeding failed: ${JSON.stringify(bad)}`);
  }
}

/** Writes `seed` into open storage of either engine (a LevelDB directory, or a cluster's CouchDB databases). */
export async function seedStorage(storage: Storage, seed: HarborSeed): Promise<void> {
  await writeUsers(storage, seed.users);
  await seed.fill?.(storage);
}

/** Seeds a fresh LevelDB directory (storage closed afterwards, so another process may open it). */
async function seedDir(seed: HarborSeed): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'harbor-bench-'));
  const storage = await openStorage({ kind: 'leveldb', dataDir });
  await seedStorage(storage, seed);
  await storage.close();
  return dataDir;
}

/** Our server in a child process of its own (so its memory is its own and clients do not share its event loop). */
export interface HarborChild {
  baseUrl: string;
  pid: number;
  /** Resident memory of the server process in MB. */
  rssMB(): number;
  close(): Promise<void>;
}

/** Seeds a fresh directory, then runs the server on it in a child process (bench/support/harbor-child-entry.ts). */
export async function startHarborChild(seed: HarborSeed): Promise<HarborChild> {
  const dataDir = await seedDir(seed);
  const entry = join(import.meta.dirname, 'harbor-child-entry.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /port (\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`bench server exited with ${code} before listening`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    rssMB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Seeds a fresh LevelDB directory, then starts the server on it: the scope index catches up on start-up, and
 * every `/db` request waits for that, so the first timed request is not answered from a half-built index.
 */
export async function startHarbor(seed: HarborSeed, longpollTimeoutMs = 25_000): Promise<HarborBenchServer> {
  const dataDir = await seedDir(seed);
  const harbor = await createApp(
    testConfig({ storage: { kind: 'leveldb', dataDir }, longpollTimeoutMs, signinLimitPerAddress: 100_000 }),
    { logger: createLogger({ silent: true }) },
  );
  const server: Server = await new Promise((ok, fail) => {
    const s = harbor.app.listen(0, '127.0.0.1', () => ok(s));
    s.once('error', fail);
  });
  server.keepAliveTimeout = 120_000;
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    harbor,
    dataDir,
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(() => ok(undefined)));
      await harbor.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
