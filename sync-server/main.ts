/** The server process: configuration from the environment, `createApp`, listen, and a clean shutdown. */
import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import { createApp, type HarborApp } from './app';
import { ConfigError, loadConfig, withoutCredentials, type ServerConfig } from './config';
import { createLogger, type Logger } from './logger';
import { startInboundMail, type InboundMailServer } from './mail/inbound-server';
import { answerMalformedRequestsAsJson } from './middleware/malformed-requests';
import { DEMO_PASSWORD, DEMO_USERS } from './services/seed-demo';
import { RedisUnreachableError } from './services/redis-connection';
import { ensureSessionSecret } from './services/secrets';
import { couchStartupProblem, DATA_DIR_IN_USE, isDataDirLocked } from './services/storage-errors';

function fail(line: string): never {
  process.stderr.write(`harbor: ${line}\n`);
  process.exit(1);
}

function listen(harbor: HarborApp, config: ServerConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = harbor.app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(server)));
    answerMalformedRequestsAsJson(server);
  });
}

function announce(harbor: HarborApp, config: ServerConfig, server: Server): void {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.port === 0 ? config.publicUrl.replace(/:0$/, `:${port}`) : config.publicUrl;
  const lines = [`Harbor (${harbor.branding.name}) is serving ${url}`];
  if (harbor.seeded) {
    lines.push(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_USERS) lines.push(`  ${user.email.padEnd(20)} ${user.role.padEnd(9)} ${user.name}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** How long in-flight requests get to finish at shutdown before their connections are cut. */
const DRAIN_MS = 5000;

/** Stops accepting, ends the feeds, lets answers in flight finish, then closes the databases. */
async function shutdown(server: Server, harbor: HarborApp, inbound: InboundMailServer | undefined): Promise<void> {
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await harbor.endFeeds();
  // Ended longpolls answer on their keep-alive connections; close each one as it goes idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
  clearInterval(sweep);
  server.closeAllConnections();
  await inbound?.close();
  await harbor.close();
}

function onShutdown(server: Server, harbor: HarborApp, logger: Logger, inbound: InboundMailServer | undefined): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    shutdown(server, harbor, inbound).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Runs the server until SIGINT or SIGTERM. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(env);
    if (!config.sessionSecret && config.storage.kind === 'leveldb') {
      config = { ...config, sessionSecret: ensureSessionSecret(config.storage.dataDir) };
    }
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger();
  let harbor: HarborApp;
  try {
    harbor = await createApp(config, { logger });
  } catch (error) {
    if (isDataDirLocked(error)) fail(`${DATA_DIR_IN_USE} (${config.storage.kind === 'leveldb' ? config.storage.dataDir : 'memory'}).`);
    const couchProblem = config.storage.kind === 'couchdb' && couchStartupProblem(error, withoutCredentials(config.storage.url));
    if (couchProblem) fail(couchProblem);
    if (error instanceof RedisUnreachableError) fail(`Redis at ${withoutCredentials(config.redisUrl ?? '')} cannot be reached: ${error.message}.`);
    throw error;
  }
  let server: Server;
  try {
    server = await listen(harbor, config);
  } catch (error) {
    await harbor.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${config.port} on ${config.host} is already in use; set PORT to another one.`);
    if (code === 'EACCES') fail(`not allowed to listen on ${config.host}:${config.port}; choose a PORT above 1024.`);
    throw error;
  }
  let inbound: InboundMailServer | undefined;
  if (config.mail.inboundSmtpPort !== undefined) {
    try {
      inbound = await startInboundMail({ storage: harbor.storage, config, logger, ...(harbor.redis && { redis: harbor.redis }) });
    } catch (error) {
      server.close();
      await harbor.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') fail(`INBOUND_SMTP_PORT ${config.mail.inboundSmtpPort} on ${config.host} cannot be used (${code === 'EACCES' ? 'not allowed; choose one above 1024' : 'already in use'}).`);
      throw error;
    }
  }
  onShutdown(server, harbor, logger, inbound);
  announce(harbor, config, server);
  if (inbound) process.stdout.write(`Inbound mail for ${config.mail.inboundAddress} is taken on port ${inbound.port}\n`);
}

if (process.argv[1] && import.meta.filename === realpathSync(process.argv[1])) {
  main().catch((error: unknown) => {
    createLogger().error('start-up failed', { error });
    process.exit(1);
  });
}
