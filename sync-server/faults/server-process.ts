/** The real server as a child process on LevelDB in a temp dir: started, killed with SIGKILL, and started again. */
import type { ChildProcess } from 'node:child_process';
import { finished, killGroup, spawnTsx, waitForOutput } from '../test-support/spawn-tsx';

/** The server process the fault suite controls. */
export interface ServerProcess {
  port: number;
  /** SIGKILL: no shutdown, nothing flushed by the server itself. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** SIGTERM and wait for the clean exit. */
  stop(): Promise<void>;
}

const SECRET = 'fault-suite-secret-0123456789';

async function start(dataDir: string, port: number, extraEnv: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawnTsx('sync-server/main.ts', [], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: '0',
    SESSION_SECRET: SECRET,
    NODE_ENV: 'production',
    ...extraEnv,
  });
  const match = await waitForOutput(child, /is serving http:\/\/127\.0\.0\.1:(\d+)/);
  return { child, port: Number(match[1]) };
}

/** Starts `sync-server/main.ts` over `dataDir` on an ephemeral port, with `extraEnv` over the suite's environment (SMTP_URL, say). */
export async function startServerProcess(dataDir: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  let current = await start(dataDir, 0, extraEnv);
  const port = current.port;
  return {
    port,
    async kill() {
      const exited = finished(current.child);
      killGroup(current.child);
      await exited;
    },
    async restart() {
      current = await start(dataDir, port, extraEnv);
    },
    async stop() {
      const exited = finished(current.child);
      process.kill(-current.child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
