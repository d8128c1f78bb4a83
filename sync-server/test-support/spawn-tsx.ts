/** Runs a server-side TypeScript entry point in a child process with tsx, for tests of main and the CLI. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A finished child process's exit code and output. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `entry` (relative to the project root) with tsx; the environment is `env` over a minimal base. */
export function spawnTsx(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [TSX, path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so that a test can end tsx and the node process it starts together.
    detached: true,
  });
}

/** Ends a child started by `spawnTsx` and everything it started, if it is still running. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs `entry` to the end, writing `input` to its stdin. */
export function runTsx(entry: string, args: string[], env: Record<string, string>, input = ''): Promise<RunResult> {
  const child = spawnTsx(entry, args, env);
  return finished(child, input);
}

/** Resolves when `child` exits, with everything it wrote. */
export function finished(child: ChildProcess, input?: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (input !== undefined) child.stdin?.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first match of `pattern` in the child's stdout; rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let errors = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = seen.match(pattern);
      if (match) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(match);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`exited with ${code} before printing ${pattern}: ${seen}${errors}`));
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
