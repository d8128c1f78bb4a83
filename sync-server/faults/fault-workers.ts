/**
 * The fault suites' devices: worker threads of up to `perWorker` RxDB devices each, commanded all at once. A worker
 * that dies (an uncaught error in RxDB, say) fails the command it was given instead of leaving the suite waiting.
 */
import { Worker } from 'node:worker_threads';
import type { DeviceReport, FaultWorkerCommand, FaultWorkerData, FaultWorkerMessage } from './fault-device-worker';

/** The running workers. */
export interface FaultWorkers {
  /** Sends `command` to every worker; resolves with every answer, rejects with the first failure. */
  all(command: FaultWorkerCommand): Promise<FaultWorkerMessage[]>;
  /** Every device's report (each device settles first). */
  reports(): Promise<DeviceReport[]>;
  terminate(): Promise<void>;
}

interface Running {
  worker: Worker;
  /** Why it stopped, once it has. */
  dead?: Error;
  /** The answer being waited for. */
  waiting?: { resolve(message: FaultWorkerMessage): void; reject(error: Error): void };
}

/** Starts the workers for `devices` against `baseUrl` and resolves once every device has replicated once. */
export async function startFaultWorkers(
  baseUrl: string,
  devices: FaultWorkerData['devices'],
  ticketsPerDevice: number,
  perWorker: number,
): Promise<FaultWorkers> {
  const entry = new URL('./fault-device-worker.ts', import.meta.url).href;
  const running: Running[] = [];
  for (let start = 0; start < devices.length; start += perWorker) {
    const workerData: FaultWorkerData = { baseUrl, devices: devices.slice(start, start + perWorker), ticketsPerDevice };
    const worker = new Worker(new URL('../integration/ts-worker-boot.mjs', import.meta.url), { workerData: { entry, ...workerData } });
    const each: Running = { worker };
    const fail = (error: Error): void => {
      each.dead ??= error;
      each.waiting?.reject(each.dead);
      each.waiting = undefined;
    };
    worker.on('message', (message: FaultWorkerMessage) => {
      const waiting = each.waiting;
      each.waiting = undefined;
      if (message.type === 'error') waiting?.reject(new Error(message.message));
      else waiting?.resolve(message);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a fault worker exited with code ${code}`)));
    running.push(each);
  }
  const answer = (each: Running): Promise<FaultWorkerMessage> =>
    new Promise((resolve, reject) => {
      if (each.dead) return reject(each.dead);
      each.waiting = { resolve, reject };
    });
  const ready = running.map(answer);
  await Promise.all(ready);
  const all = (command: FaultWorkerCommand): Promise<FaultWorkerMessage[]> => {
    const answers = running.map(answer);
    for (const each of running) if (!each.dead) each.worker.postMessage(command);
    return Promise.all(answers);
  };
  return {
    all,
    reports: async () => (await all({ type: 'report' })).flatMap((m) => (m.type === 'report' ? m.devices : [])),
    terminate: async () => {
      await Promise.all(running.map((each) => each.worker.terminate()));
    },
  };
}
