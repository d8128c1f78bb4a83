// CPU time of processes from /proc, so a throughput figure can say which process the machine's cores went to.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A process as /proc/<pid>/stat describes it. */
export interface ProcessInfo {
  pid: number;
  /** Process group (a detached child and everything it starts share its pid as their group). */
  group: number;
  /** The executable's name, e.g. "beam.smp", "redis-server". */
  comm: string;
  /** The command line as the process shows it now (redis-server rewrites its own to "host:port"). */
  cmdline(): string;
  /** User + system CPU seconds so far. */
  cpuSeconds: number;
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    // After "pid (comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid,
      group: Number(fields[2]),
      comm: stat.slice(stat.indexOf('(') + 1, close),
      cmdline: () => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim(),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // exited while being read
  }
}

/** CPU seconds so far, summed over the running processes `select` picks. */
export function cpuSecondsOf(select: (p: ProcessInfo) => boolean): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info && select(info)) total += info.cpuSeconds;
  }
  return total;
}

/** Busy and total jiffies of the whole machine (every core) from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const [, ...numbers] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const values = numbers.map(Number);
  const idle = values[3]! + (values[4] ?? 0);
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Named CPU readings (seconds so far) compared between `start` and `stop`. */
export type CpuReaders = Record<string, () => number>;

/** Starts a window; `stop()` gives each reader's share of one core over it, and the machine's busy share. */
export function startCpuWindow(readers: CpuReaders): { stop(): { cores: Record<string, number>; machineBusy: number } } {
  const wall0 = performance.now();
  const machine0 = machineTicks();
  const first = Object.fromEntries(Object.entries(readers).map(([name, read]) => [name, read()]));
  return {
    stop() {
      const seconds = (performance.now() - wall0) / 1000;
      const machine1 = machineTicks();
      const cores = Object.fromEntries(Object.entries(readers).map(([name, read]) => [name, (read() - first[name]!) / seconds]));
      return { cores, machineBusy: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total) };
    },
  };
}

/** "server 0 41%, backend 60%": shares of one core, as percentages. */
export function sharesLine(cores: Record<string, number>): string {
  return Object.entries(cores).map(([name, share]) => `${name} ${Math.round(100 * share)}%`).join(', ');
}

/** This process's own CPU seconds so far (the bench: its clients and the proxies it runs). */
export const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
