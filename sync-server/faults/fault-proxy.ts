/** A TCP proxy on loopback that the test controls: it cuts connections mid-request, stalls them, and refuses new ones. */
import net from 'node:net';

/** How often each fault strikes a new connection while chaos is on. */
export interface FaultRates {
  refuse: number;
  cut: number;
  stall: number;
}

/** What the proxy did, for the test's report. */
export interface ProxyStats {
  connections: number;
  refused: number;
  cut: number;
  stalled: number;
  pushes: number;
}

/** The running proxy. */
export interface FaultProxy {
  port: number;
  stats: ProxyStats;
  /** Turns random faults on or off (off: a plain pipe). */
  setChaos(on: boolean): void;
  /** Resolves once `count` more `_bulk_docs` requests have passed towards the server. */
  pushesSeen(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy from 127.0.0.1:0 to `targetPort`; `random` decides each fault (seeded by the test). */
export async function startFaultProxy(targetPort: number, random: () => number, rates: FaultRates): Promise<FaultProxy> {
  const stats: ProxyStats = { connections: 0, refused: 0, cut: 0, stalled: 0, pushes: 0 };
  const sockets = new Set<net.Socket>();
  const waiters: Array<{ at: number; resolve: () => void }> = [];
  let chaos = false;

  const countPush = (chunk: Uint8Array) => {
    if (!Buffer.from(chunk).includes('_bulk_docs')) return;
    stats.pushes++;
    for (const waiter of waiters.splice(0)) {
      if (stats.pushes >= waiter.at) waiter.resolve();
      else waiters.push(waiter);
    }
  };

  const server = net.createServer((client) => {
    stats.connections++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const roll = random();
    if (chaos && roll < rates.refuse) {
      stats.refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    // A cut strikes after a random number of bytes in either direction: mid-request or mid-answer.
    let budget = chaos && roll < rates.refuse + rates.cut ? Math.floor(random() * 6000) : Infinity;
    if (budget !== Infinity) stats.cut++;
    const pipe = (from: net.Socket, to: net.Socket, towardsServer: boolean) =>
      from.on('data', (chunk: Uint8Array) => {
        if (towardsServer) countPush(chunk);
        if (chunk.length >= budget) {
          to.write(chunk.subarray(0, budget));
          client.destroy();
          upstream.destroy();
          return;
        }
        budget -= chunk.length;
        to.write(chunk);
      });
    const start = () => {
      pipe(client, upstream, true);
      pipe(upstream, client, false);
    };
    if (chaos && roll >= 1 - rates.stall) {
      stats.stalled++;
      client.pause();
      setTimeout(() => {
        client.resume();
        start();
      }, 200 + Math.floor(random() * 1500));
    } else {
      start();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stats,
    setChaos(on) {
      chaos = on;
    },
    pushesSeen(count) {
      const at = stats.pushes + count;
      return new Promise((resolve) => waiters.push({ at, resolve }));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
