// The machine a run happened on: cpu model, cores, memory, node version, load at start.
import os from 'node:os';

/** What latest.json records about the machine. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
}

/** The 1, 5 and 15 minute load averages now, to two decimals. */
export function loadAverage(): number[] {
  return os.loadavg().map((n) => Math.round(n * 100) / 100);
}

/** Reads the machine's description now. */
export function describeMachine(): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: loadAverage(),
  };
}
