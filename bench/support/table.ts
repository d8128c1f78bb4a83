// The results as a Markdown table, grouped, with the goal and whether it is met.
import type { BenchResult } from '../bench-types';

function cell(result: BenchResult): string {
  if (result.value === null) return 'missing';
  return `${result.value} ${result.unit}`.trim();
}

function verdict(result: BenchResult): string {
  if (!result.goal) return '';
  if (result.meetsGoal === undefined) return result.goal;
  return `${result.goal} ${result.meetsGoal ? '✓ met' : '✗ missed'}`;
}

/** A Markdown table of `results`: group, what, value, spread, goal, note. */
export function formatTable(results: readonly BenchResult[]): string {
  const lines = ['| group | measured | value | spread | goal | note |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of results) {
    const esc = (s = '') => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    lines.push(`| ${esc(r.group)} | ${esc(r.label)} | ${esc(cell(r))} | ${esc(r.spread)} | ${esc(verdict(r))} | ${esc(r.note)} |`);
  }
  return lines.join('\n');
}
