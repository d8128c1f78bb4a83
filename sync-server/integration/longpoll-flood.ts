/** A flood of `_changes` longpolls as a loop with a stolen cookie sends them: thousands of requests over a few connections. */
import http from 'node:http';

const LONGPOLL = '/db/messages/_changes?style=all_docs&feed=longpoll&include_docs=true&heartbeat=60000&limit=50&seq_interval=50&since=now';

/** The flooding client of one server. */
export interface Flood {
  /**
   * Sends `count` longpolls, taking `cookies` in turn, and resolves once all but `held` have been answered (the
   * server may hold `held` of them open); `onAnswer` runs after each answer. Rejects on a status other than 200.
   */
  send(count: number, cookies: readonly string[], held: number, onAnswer: () => void): Promise<void>;
  /** Drops the connections (the server ends what it still holds when it closes). */
  close(): void;
}

/** A flood towards `baseUrl` through at most `sockets` keep-alive connections (the rest wait in the client's queue). */
export function createFlood(baseUrl: string, sockets = 100): Flood {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    send(count, cookies, held, onAnswer) {
      return new Promise((resolve, reject) => {
        let answered = 0;
        for (let i = 0; i < count; i++) {
          const headers = { cookie: cookies[i % cookies.length]! };
          const request = http.get({ agent, hostname, port, path: LONGPOLL, headers }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`a flood longpoll was answered ${res.statusCode}`));
            res.resume();
            res.on('end', () => {
              answered++;
              onAnswer();
              if (answered >= count - held) resolve();
            });
          });
          request.on('error', reject);
        }
      });
    },
    close: () => agent.destroy(),
  };
}
