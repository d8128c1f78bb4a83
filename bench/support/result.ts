// Builds BenchResult rows: a median with its spread, a ratio of two medians, latency percentiles, or a figure recorded as missing.
import type { BenchResult } from '../bench-types';
import { median, quantile, round, spreadOf } from './stats';

type Extra = Pick<BenchResult, 'goal' | 'meetsGoal' | 'note'>;

/** The median of repeated runs, with min/max/n as spread. */
export function medianResult(id: string, group: string, label: string, runs: number[], unit: string, extra: Extra = {}): BenchResult {
  return { id, group, label, value: round(median(runs)), unit, spread: spreadOf(runs, unit), ...extra };
}

/** A single figure (a percentile over many samples, a size, a score). */
export function plainResult(id: string, group: string, label: string, value: number, unit: string, spread?: string, extra: Extra = {}): BenchResult {
  return { id, group, label, value: round(value), unit, ...(spread && { spread }), ...extra };
}

/** a / b of two medians measured in the same run, with the range of per-run ratios as spread. */
export function ratioResult(id: string, group: string, label: string, a: number[], b: number[], extra: Extra = {}): BenchResult {
  const perRun = a.map((x, i) => x / (b[i % b.length] ?? Number.NaN));
  return {
    id,
    group,
    label,
    value: round(median(a) / median(b)),
    unit: '×',
    spread: `per-run ${spreadOf(perRun, '×')}`,
    ...extra,
  };
}

/** A figure that could not be measured, with the reason. */
export function missingResult(id: string, group: string, label: string, unit: string, reason: string, goal?: string): BenchResult {
  return { id, group, label, value: null, unit, note: `missing: ${reason}`, ...(goal && { goal }) };
}

/** p50 and p99 rows of one observer's latencies at one level of live customers (goals: the live-latency ones). */
export function percentileRows(group: string, prefix: string, label: string, samples: number[], level: number, goals: boolean): BenchResult[] {
  const spread = `n=${samples.length}, min ${Math.round(Math.min(...samples))} – max ${Math.round(Math.max(...samples))} ms`;
  const p50 = quantile(samples, 0.5);
  const p99 = quantile(samples, 0.99);
  return [
    plainResult(`${prefix}.p50.${level}`, group, `${label}, ${level} live customers, p50`, p50, 'ms', spread, goals ? { goal: '< 50 ms', meetsGoal: p50 < 50 } : {}),
    plainResult(`${prefix}.p99.${level}`, group, `${label}, ${level} live customers, p99`, p99, 'ms', spread, goals ? { goal: '< 250 ms', meetsGoal: p99 < 250 } : {}),
  ];
}
