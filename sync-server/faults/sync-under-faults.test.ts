/**
 * Fault injection: 20 RxDB devices (worker threads, four each) send 50 messages each and create tickets through a
 * proxy that cuts, stalls and refuses connections at (seeded) random, while the server process is SIGKILLed and
 * restarted twice; every fifth reply carries a file, so cuts and kills strike mid-upload. Nothing is lost or doubled,
 * numbers are unique, every device converges, every ack survives, and every file is stored once and whole.
 * HARBOR_FAULTS=large runs 36 devices × 100 messages; HARBOR_FAULTS_SEED replays a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { openStorage } from '../services/storage';
import { createFaultAccounts, FAULT_AGENT, signInFaultDevices } from './fault-accounts';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { expectFilesWholeAndOnce, expectNothingLostOrDoubled } from './fault-verdict';
import { startFaultWorkers, type FaultWorkers } from './fault-workers';
import { faultSeed, seededRandom } from './seeded-random';
import { startServerProcess, type ServerProcess } from './server-process';
import { readServedFiles, readServerState } from './server-state';

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
let workers: FaultWorkers | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'harbor-faults-'));
  const storage = await openStorage({ kind: 'leveldb', dataDir });
  try {
    await createFaultAccounts(storage, DEVICES, PASSWORD);
  } finally {
    await storage.close();
  }
  server = await startServerProcess(dataDir);
});

afterAll(async () => {
  await workers?.terminate();
  await proxy?.close();
  await server?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

it(`loses and doubles nothing through cuts, stalls, refusals and two SIGKILLs (${DEVICES} devices × ${MESSAGES} messages)`, { timeout: LARGE ? 900_000 : 240_000 }, async () => {
  process.stdout.write(`fault suite seed ${seed} (replay: HARBOR_FAULTS_SEED=${seed})\n`);
  const started = performance.now();
  proxy = await startFaultProxy(server.port, seededRandom(seed), { refuse: 0.1, cut: 0.15, stall: 0.1 });
  const direct = `http://127.0.0.1:${server.port}`;
  const devices = await signInFaultDevices(direct, DEVICES, PASSWORD);
  workers = await startFaultWorkers(`http://127.0.0.1:${proxy.port}`, devices, TICKETS, PER_WORKER);

  proxy.setChaos(true);
  const wave = Math.ceil(MESSAGES / 3);
  // Each wave's writes are in flight (pushes seen at the proxy) when the server is killed.
  for (let kill = 0; kill < 2; kill++) {
    const pushing = proxy.pushesSeen(DEVICES);
    await workers.all({ type: 'write', messages: wave });
    await pushing;
    await server.kill();
    await server.restart();
  }
  await workers.all({ type: 'write', messages: MESSAGES - 2 * wave });
  await proxy.pushesSeen(DEVICES);
  proxy.setChaos(false);
  const reports = await workers.reports();
  const state = await readServerState(direct, FAULT_AGENT, PASSWORD);
  process.stdout.write(
    `fault suite: ${Math.round(performance.now() - started)} ms, proxy ${JSON.stringify(proxy.stats)}, ` +
      `server holds ${state.tickets.size} tickets and ${state.messages.size} messages\n`,
  );
  await expectNothingLostOrDoubled({
    reports, state, devices: DEVICES, messagesPerDevice: MESSAGES, ticketsPerDevice: TICKETS,
    reportAgain: () => workers!.reports(),
    customerState: (device) => readServerState(direct, devices.find((d) => d.key === device.key)!.user.email, PASSWORD),
  });

  const files = reports.flatMap((r) => r.written.files);
  const served = await readServedFiles(direct, FAULT_AGENT, PASSWORD, files.map((file) => file.id));
  await server.stop();
  const storage = await openStorage({ kind: 'leveldb', dataDir });
  try {
    const stored = (await storage.attachments.allDocs({})).map((row) => row.key).filter((id) => !id.startsWith('_design/'));
    process.stdout.write(`fault suite: ${files.length} files attached, ${stored.length} stored\n`);
    expectFilesWholeAndOnce(files, served, stored);
  } finally {
    await storage.close();
  }
});
