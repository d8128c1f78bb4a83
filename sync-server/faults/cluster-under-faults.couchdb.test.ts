/**
 * Fault injection in cluster mode: RxDB devices sync through a proxy that cuts, stalls and refuses connections, in
 * front of a round-robin balancer over three sync servers on one CouchDB (whose feeds rewind now and then) and one
 * Redis. One server is SIGKILLed and restarted mid-run, then Redis is restarted empty. Nothing is lost or doubled,
 * ticket numbers stay unique, every acknowledged write survives and every device converges.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, it } from 'vitest';
import { CLUSTER_ORIGIN, startCluster, type Cluster } from '../cluster/cluster-servers';
import { startRoundRobinProxy, type RoundRobinProxy } from '../cluster/round-robin-proxy';
import { openStorage } from '../services/storage';
import { startRedis, type RedisProcess } from '../test-support/redis-process';
import { rewindingCouchUrl } from '../test-support/test-storage';
import { createFaultAccounts, FAULT_AGENT, signInFaultDevices } from './fault-accounts';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { expectNothingLostOrDoubled } from './fault-verdict';
import { startFaultWorkers, type FaultWorkers } from './fault-workers';
import { faultSeed, seededRandom } from './seeded-random';
import { readServerState } from './server-state';

const DEVICES = 10;
const MESSAGES = 30;
const TICKETS = 2;
const PER_WORKER = 5;
const PASSWORD = 'cluster-fault-password';

const seed = faultSeed();
let redis: RedisProcess;
let cluster: Cluster;
let balancer: RoundRobinProxy;
let proxy: FaultProxy;
let workers: FaultWorkers | undefined;

const step = (what: string): void => void process.stdout.write(`cluster fault suite: ${what}\n`);

beforeAll(async () => {
  // A Redis of its own: this suite restarts it empty.
  redis = await startRedis();
  cluster = await startCluster(3, rewindingCouchUrl(), redis.url);
  balancer = await startRoundRobinProxy(cluster.servers.map((server) => server.port));
  const storage = await openStorage({ kind: 'couchdb', url: inject('couchdbUrl'), prefix: cluster.prefix });
  try {
    await createFaultAccounts(storage, DEVICES, PASSWORD);
  } finally {
    await storage.close();
  }
}, 120_000);

afterAll(async () => {
  await workers?.terminate();
  await proxy?.close();
  await balancer?.close();
  await cluster?.stop();
  await redis?.stop();
});

it(`loses and doubles nothing over three servers through cuts, a SIGKILL and Redis lost (${DEVICES} devices × ${MESSAGES} messages)`, { timeout: 240_000 }, async () => {
  step(`seed ${seed} (replay: HARBOR_FAULTS_SEED=${seed}), balancer in front of ${CLUSTER_ORIGIN}'s three servers`);
  const started = performance.now();
  proxy = await startFaultProxy(Number(new URL(balancer.url).port), seededRandom(seed), { refuse: 0.1, cut: 0.15, stall: 0.1 });
  const devices = await signInFaultDevices(balancer.url, DEVICES, PASSWORD);
  workers = await startFaultWorkers(`http://127.0.0.1:${proxy.port}`, devices, TICKETS, PER_WORKER);
  step('devices replicating');

  proxy.setChaos(true);
  const wave = Math.ceil(MESSAGES / 3);
  let pushing = proxy.pushesSeen(DEVICES);
  await workers.all({ type: 'write', messages: wave });
  await pushing;
  // A server dies with pushes in flight; the balancer answers 502 for it until it is back.
  await cluster.servers[1]!.kill();
  await cluster.servers[1]!.restart();
  step('wave 1 written, server 1 killed and restarted');
  pushing = proxy.pushesSeen(DEVICES);
  await workers.all({ type: 'write', messages: wave });
  await pushing;
  // The shared index is lost: every server rebuilds it and devices pull their own documents again.
  await redis.restartEmpty();
  step('wave 2 written, Redis restarted empty');
  await workers.all({ type: 'write', messages: MESSAGES - 2 * wave });
  await proxy.pushesSeen(DEVICES);
  proxy.setChaos(false);
  const reports = await workers.reports();
  const state = await readServerState(balancer.url, FAULT_AGENT, PASSWORD);
  step(
    `${Math.round(performance.now() - started)} ms, proxy ${JSON.stringify(proxy.stats)}, requests per server ` +
      `${JSON.stringify(balancer.counts())}, servers hold ${state.tickets.size} tickets and ${state.messages.size} messages`,
  );
  await expectNothingLostOrDoubled({
    reports, state, devices: DEVICES, messagesPerDevice: MESSAGES, ticketsPerDevice: TICKETS,
    reportAgain: () => workers!.reports(),
    customerState: (device) => readServerState(balancer.url, devices.find((d) => d.key === device.key)!.user.email, PASSWORD),
  });
});
