/**
 * Fault injection: 20 RxDB devices (worker threads, four each) send 50 messages each and create tickets through a
 * proxy that cuts, stalls and refuses connections at (seeded) random, while the server process is SIGKILLed and
 * restarted twice. Nothing is lost or doubled, numbers are unique, every device converges, every ack survives.
 * HARBOR_FAULTS=large runs 36 devices × 100 messages; HARBOR_FAULTS_SEED replays a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount } from '../services/accounts';
import { openStorage } from '../services/storage';
import type { SessionUser } from '../session-user';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import type { DeviceReport, FaultWorkerCommand, FaultWorkerData, FaultWorkerMessage } from './fault-device-worker';
import { faultSeed, seededRandom } from './seeded-random';
import { startServerProcess, type ServerProcess } from './server-process';
import { readServerState, signInOver, type ServerState } from './server-state';

const LARGE = process.env.HARBOR_FAULTS === 'large';
const DEVICES = LARGE ? 36 : 20;
const MESSAGES = LARGE ? 100 : 50;
const TICKETS = 2;
const PER_WORKER = 4;
const PASSWORD = 'fault-suite-password';

const seed = faultSeed();
let dataDir: string;
let server: ServerProcess;
let proxy: FaultProxy;
const workers: Worker[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'harbor-faults-'));
  const storage = await openStorage({ kind: 'leveldb', dataDir });
  try {
    await createAccount(storage, { role: 'agent', email: 'agent@example.com', name: 'Fault Agent', password: PASSWORD });
    for (let c = 0; c < DEVICES / 2; c++) {
      await createAccount(storage, { role: 'customer', email: `c${c}@example.com`, name: `Customer ${c}`, password: PASSWORD });
    }
  } finally {
    await storage.close();
  }
  server = await startServerProcess(dataDir);
});

afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
  await proxy?.close();
  await server?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

function next(worker: Worker): Promise<FaultWorkerMessage> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: FaultWorkerMessage) =>
      message.type === 'error' ? reject(new Error(message.message)) : resolve(message),
    );
    worker.once('error', reject);
  });
}

async function all(command: FaultWorkerCommand): Promise<FaultWorkerMessage[]> {
  const answers = workers.map(next);
  for (const worker of workers) worker.postMessage(command);
  return Promise.all(answers);
}

it(`loses and doubles nothing through cuts, stalls, refusals and two SIGKILLs (${DEVICES} devices × ${MESSAGES} messages)`, { timeout: LARGE ? 900_000 : 240_000 }, async () => {
  process.stdout.write(`fault suite seed ${seed} (replay: HARBOR_FAULTS_SEED=${seed})\n`);
  const started = performance.now();
  proxy = await startFaultProxy(server.port, seededRandom(seed), { refuse: 0.1, cut: 0.15, stall: 0.1 });
  const direct = `http://127.0.0.1:${server.port}`;
  const devices: FaultWorkerData['devices'] = [];
  for (let d = 0; d < DEVICES; d++) {
    const email = `c${d % (DEVICES / 2)}@example.com`;
    const { user, cookie } = await signInOver(direct, email, PASSWORD);
    devices.push({ key: `d${d}`, cookie, user: user as SessionUser });
  }
  const entry = new URL('./fault-device-worker.ts', import.meta.url).href;
  for (let start = 0; start < DEVICES; start += PER_WORKER) {
    const workerData: FaultWorkerData = { baseUrl: `http://127.0.0.1:${proxy.port}`, devices: devices.slice(start, start + PER_WORKER), ticketsPerDevice: TICKETS };
    workers.push(new Worker(new URL('../integration/ts-worker-boot.mjs', import.meta.url), { workerData: { entry, ...workerData } }));
  }
  await Promise.all(workers.map(next));

  proxy.setChaos(true);
  const wave = Math.ceil(MESSAGES / 3);
  // Each wave's writes are in flight (pushes seen at the proxy) when the server is killed.
  for (let kill = 0; kill < 2; kill++) {
    const pushing = proxy.pushesSeen(DEVICES);
    await all({ type: 'write', messages: wave });
    await pushing;
    await server.kill();
    await server.restart();
  }
  await all({ type: 'write', messages: MESSAGES - 2 * wave });
  await proxy.pushesSeen(DEVICES);
  proxy.setChaos(false);
  const reports = (await all({ type: 'report' })).flatMap((m) => (m.type === 'report' ? m.devices : []));
  const state = await readServerState(direct, 'agent@example.com', PASSWORD);
  process.stdout.write(
    `fault suite: ${Math.round(performance.now() - started)} ms, proxy ${JSON.stringify(proxy.stats)}, ` +
      `server holds ${state.tickets.size} tickets and ${state.messages.size} messages\n`,
  );

  const written = reports.flatMap((r) => r.written);
  const writtenMessages = written.filter((id) => id.includes('-m'));
  expect(writtenMessages).toHaveLength(DEVICES * MESSAGES);
  // Exactly once: every message id once on the server, and no other copy under another id.
  expect([...state.messages.keys()].sort()).toEqual([...writtenMessages].sort());
  const bodies = [...state.messages.values()].map((m) => m.body);
  expect(new Set(bodies).size).toBe(bodies.length);
  // Unique ticket numbers, all assigned.
  expect(state.tickets.size).toBe(DEVICES * TICKETS);
  const numbers = [...state.tickets.values()].map((t) => t.number);
  expect(numbers.every((n) => typeof n === 'number')).toBe(true);
  expect(new Set(numbers).size).toBe(numbers.length);
  // Every acknowledged write survived the kills.
  const acknowledged = reports.flatMap((r) => r.acknowledged);
  expect(acknowledged.filter((id) => !state.tickets.has(id) && !state.messages.has(id))).toEqual([]);
  // Every device converges to what the server holds for its customer. Each round is one reSync and awaitInSync on
  // every device; a pull racing the others' last pushes may need a second, so up to five are allowed, and counted.
  let final = reports;
  let rounds = 1;
  while (!final.every((device) => converged(device, state)) && rounds < 5) {
    final = (await all({ type: 'report' })).flatMap((m) => (m.type === 'report' ? m.devices : []));
    rounds++;
  }
  process.stdout.write(`fault suite: ${rounds} report round(s)\n`);
  for (const device of final) {
    if (converged(device, state)) continue;
    // Says whether the customer's own pull (the scope index) or the device is behind.
    const customer = devices.find((d) => d.key === device.key)!;
    const seen = await readServerState(direct, customer.user.email, PASSWORD);
    const missing = view(device, state).server[1].filter((id) => !device.messageIds.includes(id));
    const pulled = missing.filter((id) => seen.messages.has(id));
    process.stdout.write(
      `fault suite: ${device.key} diverged; tickets held ${JSON.stringify(view(device, state).held[0])}, its customer's pull from 0 ` +
        `sees ${JSON.stringify(view(device, seen).server[0])}; ${missing.length} messages missing on the device, ${pulled.length} of them in that pull\n`,
    );
  }
  for (const device of final) expectConverged(device, state);
});

function view(device: DeviceReport, state: ServerState): { held: [string[], string[]]; server: [string[], string[]] } {
  const tickets = [...state.tickets].filter(([, t]) => t.customerId === device.customerId);
  const messages = [...state.messages].filter(([, m]) => m.customerId === device.customerId);
  return {
    held: [device.tickets.map((t) => `${t.id}#${t.number}`).sort(), [...device.messageIds].sort()],
    server: [tickets.map(([id, t]) => `${id}#${t.number}`).sort(), messages.map(([id]) => id).sort()],
  };
}

function converged(device: DeviceReport, state: ServerState): boolean {
  const { held, server } = view(device, state);
  return JSON.stringify(held) === JSON.stringify(server);
}

function expectConverged(device: DeviceReport, state: ServerState): void {
  const { held, server } = view(device, state);
  expect(held, device.key).toEqual(server);
}
