// Issue 5 item 6: gzipped JavaScript needed to show /login, /tickets and /agent, from dist/ (run `npm run build` first), against the budgets.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchContext, BenchResult } from '../bench-types';
import { BUDGETS, measure } from '../../scripts/check-budgets';
import { missingResult, plainResult } from '../support/result';

const GROUP = 'JavaScript to show a screen (gzip)';

/** Reads the build's manifest and sums each screen's JavaScript. */
export default async function bundleSize(ctx: BenchContext): Promise<BenchResult[]> {
  const distDir = resolve(import.meta.dirname, '../../dist');
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) {
    return BUDGETS.map((b) => missingResult(`size.${b.name}`, GROUP, b.name, 'KB', 'no dist/ build: run npm run build first'));
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Parameters<typeof measure>[0];
  const builtAt = statSync(manifestPath).mtime.toISOString();
  ctx.log(`measuring the build of ${builtAt}`);
  return BUDGETS.map((budget) => {
    const id = `size.${budget.name.replace(/[^a-z]+/gi, '-').toLowerCase()}`;
    try {
      const files = measure(manifest, distDir, budget.roots);
      const kb = files.reduce((sum, f) => sum + f.gzip, 0) / 1024;
      const limitKB = budget.limit / 1024;
      return plainResult(id, GROUP, budget.name, kb, 'KB', `${files.length} files`, {
        goal: `≤ ${limitKB} KB`,
        meetsGoal: kb <= limitKB,
        note: `build of ${builtAt}`,
      });
    } catch (error) {
      return missingResult(id, GROUP, budget.name, 'KB', (error as Error).message, `≤ ${budget.limit / 1024} KB`);
    }
  });
}
