/**
 * A test load balancer: every request goes to the next server in turn, each on a new connection (no keep-alive
 * stickiness), so a device's consecutive requests land on different servers. Clients are asked to close after each
 * answer, so a fault proxy in front of it strikes requests, not a few long-lived connections.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The running balancer. */
export interface RoundRobinProxy {
  url: string;
  /** How many requests each server was sent. */
  counts(): number[];
  /** The paths of the requests it answered 502 for (their server did not answer), oldest first. */
  refused(): string[];
  close(): Promise<void>;
}

/** Starts the balancer on loopback `port` (a free one by default) in front of `ports` (servers on 127.0.0.1). */
export async function startRoundRobinProxy(ports: readonly number[], port = 0): Promise<RoundRobinProxy> {
  let next = 0;
  const counts = ports.map(() => 0);
  const refused: string[] = [];
  const server = http.createServer((req, res) => {
    const which = next++ % ports.length;
    counts[which]! += 1;
    const forward = http.request(
      { host: '127.0.0.1', port: ports[which], path: req.url, method: req.method, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
        answer.pipe(res);
        // A server killed mid-answer: cut the client too, or its response would stay open for ever.
        answer.on('close', () => {
          if (!answer.complete) res.destroy();
        });
      },
    );
    forward.on('error', () => {
      refused.push(new URL(req.url ?? '/', 'http://x').pathname);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad_gateway', reason: 'the server did not answer' }));
    });
    res.on('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => [...counts],
    refused: () => [...refused],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
