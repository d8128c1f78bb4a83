/** For integration tests: a real listening server (createApp + listen on 127.0.0.1:0) and cookie sign-ins. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type HarborApp } from '../app';
import { testConfig, type ServerConfig } from '../config';
import { createLogger } from '../logger';
import { createAccount } from '../services/accounts';
import type { SessionUser } from '../session-user';

/** The password every integration-test account has. */
export const PASSWORD = 'integration-password';

/** A listening server and its base URL. */
export interface LiveServer {
  harbor: HarborApp;
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the app on an ephemeral port of 127.0.0.1; longpolls end after `longpollTimeoutMs`; `overrides` (limits) win. */
export async function startServer(longpollTimeoutMs = 2_000, overrides: Partial<ServerConfig> = {}): Promise<LiveServer> {
  const harbor = await createApp(testConfig({ longpollTimeoutMs, ...overrides }), { logger: createLogger({ silent: true }) });
  const server: Server = await new Promise((resolve) => {
    const listening = harbor.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    harbor,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await harbor.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Creates an account and signs it in over HTTP; returns the user and the session cookie. */
export async function signUp(
  live: LiveServer,
  role: 'customer' | 'agent',
  email: string,
  name: string,
): Promise<{ user: SessionUser; cookie: string }> {
  const user = await createAccount(live.harbor.storage, { role, email, name, password: PASSWORD });
  return { user, cookie: await signIn(live.baseUrl, email) };
}

/** Signs in over HTTP and returns the session cookie (`name=value`). */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const setCookie = res.headers.get('set-cookie');
  if (res.status !== 200 || !setCookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return setCookie.split(';')[0]!;
}
