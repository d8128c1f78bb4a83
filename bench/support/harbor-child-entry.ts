// Child-process entry: createApp on the LevelDB directory in argv[2], listening on 127.0.0.1:0; prints "port N" once listening.
import { createApp } from '../../sync-server/app';
import { testConfig } from '../../sync-server/config';
import { createLogger } from '../../sync-server/logger';

const dataDir = process.argv[2]!;
const harbor = await createApp(
  testConfig({ storage: { kind: 'leveldb', dataDir }, longpollTimeoutMs: 25_000, signinLimitPerAddress: 100_000 }),
  { logger: createLogger({ silent: true }) },
);
const server = harbor.app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as { port: number }).port}\n`);
});
server.keepAliveTimeout = 120_000;
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void harbor.close().then(() => process.exit(0)));
});
