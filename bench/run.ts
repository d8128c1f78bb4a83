// `npm run bench [-- --quick] [-- --only name]`: runs every bench/suites/*.bench.ts, prints the table, writes bench/results/latest.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, BenchResult, BenchSuite } from './bench-types';
import { describeMachine } from './support/machine';
import { formatTable } from './support/table';

const BENCH_DIR = import.meta.dirname;

// An anchor replication cancelled mid-request rejects inside PouchDB where no caller can catch it: log, keep going.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[bench] unhandled rejection (ignored): ${reason instanceof Error ? reason.message : String(reason)}\n`);
});

/** Writes bench/results/latest.json (a --quick run says so inside: "quick": true); returns its path. */
function write(started: Date, quick: boolean, machine: object, suites: object[], results: BenchResult[]): string {
  const out = join(BENCH_DIR, 'results', 'latest.json');
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  const report = { startedAt: started.toISOString(), finishedAt: new Date().toISOString(), quick, machine, suites, results };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1]?.split(',') : undefined;
  const machine = describeMachine();
  const started = new Date();
  const ctx: BenchContext = {
    quick,
    log: (...parts) => process.stderr.write(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0)}s] ${parts.join(' ')}\n`),
  };
  const files = readdirSync(join(BENCH_DIR, 'suites'))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || only.some((name) => f.startsWith(name)))
    .sort();
  const results: BenchResult[] = [];
  const suites: Array<{ file: string; seconds: number; error?: string }> = [];
  for (const file of files) {
    const t0 = performance.now();
    ctx.log(`suite ${file}`);
    try {
      const mod = (await import(pathToFileURL(join(BENCH_DIR, 'suites', file)).href)) as { default: BenchSuite };
      results.push(...(await mod.default(ctx)));
      suites.push({ file, seconds: Math.round((performance.now() - t0) / 1000) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log(`suite ${file} failed: ${error instanceof Error ? error.stack : message}`);
      results.push({ id: `${file}.failed`, group: file, label: `${file} did not finish`, value: null, unit: '', note: message });
      suites.push({ file, seconds: Math.round((performance.now() - t0) / 1000), error: message });
    }
    // Written after every suite, so a run stopped part-way keeps what it measured.
    write(started, quick, machine, suites, results);
  }
  process.stdout.write(`${formatTable(results)}\n`);
  ctx.log(`wrote ${write(started, quick, machine, suites, results)}`);
  // Child processes and open handles of a failed suite must not keep the run alive.
  process.exit(0);
}

void main();
