/**
 * The size budget, run after `vite build`: from the build's module graph (dist/.vite/manifest.json) it sums the
 * gzipped JavaScript needed to show /login (≤ 60 KB), My Tickets (≤ 160 KB) and the agent inbox (≤ 200 KB), prints both, exits 1 when over.
 * A route needs: the app entry and the route's own chunks, with their static imports, plus what those chunks
 * load lazily on their own (e.g. the data layer's database), but not other routes and not the service-worker
 * registration (workbox-window is imported dynamically once the app has rendered, and no screen waits for it).
 * The service worker's precache does not count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of Vite's build manifest. */
interface ManifestChunk { file: string; src?: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean }
type Manifest = Record<string, ManifestChunk>;

/** The budgets in bytes of gzipped JavaScript, and the manifest keys each screen starts from. */
export const BUDGETS = [
  { name: '/login', limit: 60 * 1024, roots: ['index.html', 'app/routes/login-page.tsx'] },
  {
    name: 'My Tickets (/tickets)',
    limit: 160 * 1024,
    roots: ['index.html', 'app/routes/signed-in-layout.tsx', 'app/routes/tickets-page.tsx'],
  },
  {
    name: 'Agent inbox (/agent)',
    limit: 200 * 1024,
    roots: ['index.html', 'app/routes/signed-in-layout.tsx', 'app/routes/agent-page.tsx'],
  },
] as const;

/** A dynamic import that is not part of showing the screen: another route, or the deferred SW registration. */
function isDeferred(key: string): boolean {
  return key.startsWith('app/routes/') || key.includes('workbox-window');
}

/** Every manifest key needed from `roots`. */
export function closure(manifest: Manifest, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest: was the route renamed?`);
    seen.add(key);
    chunk.imports?.forEach(visit);
    chunk.dynamicImports?.filter((k) => !isDeferred(k)).forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

/** Gzipped size of each JS file needed from `roots`. */
export function measure(manifest: Manifest, distDir: string, roots: readonly string[]): { file: string; gzip: number }[] {
  const files = new Set([...closure(manifest, roots)].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js')));
  return [...files].map((file) => {
    // A plain Uint8Array view: with type-fest 0.16's `lib="esnext"` in the program, Node 20's Buffer type is not
    // accepted where zlib asks for a Uint8Array (tsc only; the bytes are the same).
    const bytes = readFileSync(join(distDir, file));
    return { file, gzip: gzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).length };
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(): number {
  const distDir = process.argv[2] ?? 'dist';
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  let over = false;
  for (const budget of BUDGETS) {
    const files = measure(manifest, distDir, budget.roots).sort((a, b) => b.gzip - a.gzip);
    const total = files.reduce((sum, f) => sum + f.gzip, 0);
    const ok = total <= budget.limit;
    over ||= !ok;
    process.stdout.write(`${ok ? 'ok  ' : 'OVER'} ${budget.name}: ${kb(total)} gzip of JS (budget ${kb(budget.limit)})\n`);
    for (const f of files) process.stdout.write(`       ${kb(f.gzip).padStart(9)}  ${f.file}\n`);
  }
  return over ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
