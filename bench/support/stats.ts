// Medians, percentiles and the spread line every figure carries.

/** The q-th quantile (0..1) of `values` (nearest rank); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** The median of `values`. */
export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Rounds for the table: 3 significant digits below 100, whole numbers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
}

/** "min 40 – max 64, n=5" for repeated runs. */
export function spreadOf(values: readonly number[], unit = ''): string {
  if (!values.length) return 'n=0';
  const u = unit ? ` ${unit}` : '';
  return `min ${round(Math.min(...values))}${u} – max ${round(Math.max(...values))}${u}, n=${values.length}`;
}

/** Runs `fn` `times` times one after the other and returns each run's milliseconds. */
export async function timeRuns(times: number, fn: (run: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let run = 0; run < times; run++) {
    const start = performance.now();
    await fn(run);
    out.push(performance.now() - start);
  }
  return out;
}
