/** `npm start`: build the app with vite when dist/ is missing or older than its sources, then run the server. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { main } from './main';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILT = path.join(ROOT, 'dist', 'index.html');
const SOURCES = ['app', 'public', 'index.html', 'vite.config.ts'];

/** The newest modification time under `target` (a file or a directory), 0 when missing. */
export function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** True when dist/index.html is missing or older than any source of the app. */
export function needsBuild(root = ROOT): boolean {
  const built = path.join(root, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  if (needsBuild()) {
    process.stdout.write(existsSync(BUILT) ? 'The app changed; rebuilding it…\n' : 'Building the app (first start)…\n');
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      process.stderr.write('harbor: the app did not build (see the errors above); the server was not started.\n');
      process.exit(1);
    }
  }
  await main();
}
