// Shapes shared by the bench runner and every suite under bench/suites/*.bench.ts.

/** One measured figure as it appears in the table and in bench/results/latest.json. */
export interface BenchResult {
  /** Stable id, e.g. "live.agent.p50.500". */
  id: string;
  /** Table section, e.g. "Live latency". */
  group: string;
  /** What was measured, in plain words. */
  label: string;
  /** The figure (a median over repeated runs), or null when it could not be measured (say why in note). */
  value: number | null;
  /** Unit of value: "ms", "KB", "score", "×", "MB"… */
  unit: string;
  /** Spread over the repeated runs, e.g. "±12 ms (min 40, max 64, n=5)". */
  spread?: string;
  /** The goal this figure is read against, in words, e.g. "< 50 ms". */
  goal?: string;
  /** Whether value meets goal (absent when there is no goal or no value). */
  meetsGoal?: boolean;
  /** What the figure means or what holds it back. */
  note?: string;
}

/** What the runner hands each suite. */
export interface BenchContext {
  /** Smaller run (--quick): fewer customers, documents and repetitions. */
  quick: boolean;
  /** Progress line on stderr. */
  log(...args: unknown[]): void;
}

/** The default export of a bench/suites/*.bench.ts file. */
export type BenchSuite = (ctx: BenchContext) => Promise<BenchResult[]>;
