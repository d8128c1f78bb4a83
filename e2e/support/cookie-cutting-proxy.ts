/** A loopback proxy that cuts one answer inside its session cookie, as a dropped connection can over plain HTTP. */
import net from 'node:net';

/** The running proxy. */
export interface CookieCuttingProxy {
  port: number;
  /** How many answers it has cut. */
  cuts: number;
  /** Cuts the next answer to a request under `pathPrefix` that sets the session cookie, a few bytes into its value. */
  cutNextSessionCookie(pathPrefix: string): void;
  close(): Promise<void>;
}

const SET_SESSION_COOKIE = 'set-cookie: harbor.sid=';
const REQUEST_LINE = /(?:^|\r\n)[A-Z]+ (\/\S*) HTTP\/1\.1\r\n/g;

/** Starts a proxy from 127.0.0.1:0 to `targetPort`. */
export async function startCookieCuttingProxy(targetPort: number): Promise<CookieCuttingProxy> {
  let armed: string | null = null;
  const sockets = new Set<net.Socket>();
  const proxy: CookieCuttingProxy = {
    port: 0,
    cuts: 0,
    cutNextSessionCookie: (pathPrefix) => void (armed = pathPrefix),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    // Browsers send one request at a time on a connection: the answer that comes back is the last request's.
    let path = '';
    client.on('data', (chunk: Uint8Array) => {
      for (const match of Buffer.from(chunk).toString('latin1').matchAll(REQUEST_LINE)) path = match[1]!;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Uint8Array) => {
      const at = Buffer.from(chunk).toString('latin1').toLowerCase().indexOf(SET_SESSION_COOKIE);
      if (armed !== null && path.startsWith(armed) && at >= 0) {
        armed = null;
        proxy.cuts++;
        client.end(chunk.subarray(0, at + SET_SESSION_COOKIE.length + 12), () => client.destroy());
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}
