/**
 * The real server for browser journeys: createApp over memory storage with the demo seeded, serving dist/, on
 * 127.0.0.1:0; with `mail.inboundSmtpPort` in the overrides, also the inbound mail listener, as main.ts starts it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createApp, type HarborApp } from '../../sync-server/app';
import { testConfig, type ServerConfig } from '../../sync-server/config';
import { createLogger } from '../../sync-server/logger';
import { startInboundMail, type InboundMailServer } from '../../sync-server/mail/inbound-server';
import { answerMalformedRequestsAsJson } from '../../sync-server/middleware/malformed-requests';

/** A listening server. `stop()` stops listening (the data stays, for `listen()` again); `close()` ends everything. */
export interface RunningServer {
  baseUrl: string;
  harbor: HarborApp;
  /** The inbound mail listener's port, when the overrides turned it on. */
  inboundSmtpPort?: number;
  stop(): Promise<void>;
  listen(): Promise<void>;
  close(): Promise<void>;
}

function listenOn(harbor: HarborApp, port: number): Promise<Server> {
  return new Promise((ok, fail) => {
    const server = harbor.app.listen(port, '127.0.0.1', () => ok(server));
    answerMalformedRequestsAsJson(server); // as the real server (sync-server/main.ts) does
    server.once('error', fail);
  });
}

/** Starts the server over the built app (run `npm run build` first), with the demo's users and tickets. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = testConfig({ distDir: resolve('dist'), seedDemo: true, longpollTimeoutMs: 5_000, ...overrides });
  const logger = createLogger({ silent: true });
  const harbor = await createApp(config, { logger });
  const inbound: InboundMailServer | undefined = config.mail.inboundSmtpPort === undefined
    ? undefined
    : await startInboundMail({ storage: harbor.storage, config, logger });
  let server: Server | null = await listenOn(harbor, 0);
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    if (!server) return;
    const closing = server;
    server = null;
    closing.closeAllConnections();
    await new Promise((ok) => closing.close(() => ok(undefined)));
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    harbor,
    ...(inbound && { inboundSmtpPort: inbound.port }),
    stop,
    async listen() {
      if (!server) server = await listenOn(harbor, port);
    },
    async close() {
      await stop();
      await inbound?.close();
      await harbor.close();
    },
  };
}
