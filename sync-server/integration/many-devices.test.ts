/** Fifty RxDB devices (in worker threads, six at most each: the free RxDB's collection limit) create tickets at once. */
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { signIn, signUp, startServer, type LiveServer } from './http-session';
import type { TicketDeviceWorkerData, TicketDeviceWorkerMessage } from './ticket-device-worker';

const DEVICES = 50;
const CUSTOMERS = 10;
const PER_WORKER = 6;

let live: LiveServer;
const workers: Worker[] = [];

beforeEach(async () => {
  live = await startServer();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
  await live.close();
});

function nextMessage(worker: Worker): Promise<TicketDeviceWorkerMessage> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: TicketDeviceWorkerMessage) =>
      message.type === 'error' ? reject(new Error(message.message)) : resolve(message),
    );
    worker.once('error', reject);
  });
}

it('gives 50 devices creating tickets at once 50 distinct numbers', { timeout: 90_000 }, async () => {
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i++) customers.push(await signUp(live, 'customer', `c${i}@example.com`, `Customer ${i}`));
  const devices: TicketDeviceWorkerData['devices'] = [];
  for (let i = 0; i < DEVICES; i++) {
    const customer = customers[i % CUSTOMERS]!;
    devices.push({ user: customer.user, cookie: await signIn(live.baseUrl, customer.user.email) });
  }
  for (let start = 0; start < DEVICES; start += PER_WORKER) {
    const workerData: TicketDeviceWorkerData = { baseUrl: live.baseUrl, devices: devices.slice(start, start + PER_WORKER) };
    const entry = new URL('./ticket-device-worker.ts', import.meta.url).href;
    workers.push(new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), { workerData: { entry, ...workerData } }));
  }
  await Promise.all(workers.map((worker) => nextMessage(worker)));
  const results = workers.map((worker) => nextMessage(worker));
  for (const worker of workers) worker.postMessage('go');
  const numbers = (await Promise.all(results)).flatMap((message) => (message.type === 'numbers' ? message.numbers : []));
  expect(numbers).toHaveLength(DEVICES);
  expect(new Set(numbers).size).toBe(DEVICES);
  expect(Math.min(...numbers)).toBe(1);
  expect(Math.max(...numbers)).toBe(DEVICES);
});
