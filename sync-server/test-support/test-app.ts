/** Test helpers: an in-memory app, users, and supertest agents that are signed in. */
import request from 'supertest';
import type { Express } from 'express';
import { createApp, type CreateAppOptions, type HarborApp } from '../app';
import { testConfig, type ServerConfig } from '../config';
import { createLogger } from '../logger';
import { createAccount } from '../services/accounts';
import type { Storage } from '../services/storage';
import { testStorageConfig } from './test-storage';
import type { SessionUser } from '../session-user';
import type { UserRole } from '../../app/model/constants';

/** A supertest agent: keeps cookies between requests. */
export type TestAgent = ReturnType<typeof request.agent>;

/** The fields of a test user; name and password have defaults. */
export interface TestUserInput {
  role: UserRole;
  email: string;
  name?: string;
  password?: string;
}

/** The password `addUser` gives when none is passed. */
export const TEST_PASSWORD = 'correct-horse-battery';

/** Stores a user straight into the database and returns it as the session would. */
export function addUser(storage: Storage, input: TestUserInput): Promise<SessionUser> {
  return createAccount(storage, {
    role: input.role,
    email: input.email,
    name: input.name ?? input.email.split('@')[0]!,
    password: input.password ?? TEST_PASSWORD,
  });
}

/** A supertest agent that has signed in with `POST /api/session` (throws when sign-in fails). */
export async function signedInAgent(app: Express, email: string, password = TEST_PASSWORD): Promise<TestAgent> {
  const agent = request.agent(app);
  const res = await agent.post('/api/session').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}

/** An in-memory app plus helpers; call `close()` in `afterEach`. */
export interface TestApp extends HarborApp {
  config: ServerConfig;
  /** A fresh agent with no cookie. */
  agent(): TestAgent;
  /** Adds a user and returns it with an agent signed in as them. */
  signIn(input: TestUserInput): Promise<{ user: SessionUser; agent: TestAgent }>;
}

/** `createApp(testConfig(overrides), options)` with a silent logger. */
export async function createTestApp(overrides: Partial<ServerConfig> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  const config = testConfig({ ...testStorageConfig(), ...overrides });
  const harbor = await createApp(config, { logger: createLogger({ silent: true }), ...options });
  return {
    ...harbor,
    close: () => harbor.close(),
    config,
    agent: () => request.agent(harbor.app),
    async signIn(input) {
      const user = await addUser(harbor.storage, input);
      return { user, agent: await signedInAgent(harbor.app, input.email, input.password ?? TEST_PASSWORD) };
    },
  };
}
