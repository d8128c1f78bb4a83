/** Seeds the demo (issue 2, "Demo data when seeding") into an empty data directory, and marks it seeded. */
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import { createAccount } from './accounts';
import { isEmpty, markDemoSeeded } from './demo-marker';
import type { Storage } from './storage';

/** Every demo account's password. */
export const DEMO_PASSWORD = 'demo-password';

/** The demo's accounts, printed at start-up when seeded. */
export const DEMO_USERS = [
  { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace' },
  { role: 'customer', email: 'grace@example.com', name: 'Grace Hopper' },
  { role: 'agent', email: 'sam@example.com', name: 'Sam Rivera' },
] as const;

/** Seeds when `seedDemo` is on (or 'auto') and the data directory is empty; returns whether it seeded. */
export async function seedDemoIfWanted(storage: Storage, config: ServerConfig, logger: Logger): Promise<boolean> {
  if (config.seedDemo === false || !(await isEmpty(storage))) return false;
  for (const user of DEMO_USERS) await createAccount(storage, { ...user, password: DEMO_PASSWORD });
  await markDemoSeeded(storage);
  logger.info('seeded the demo', { users: DEMO_USERS.length });
  return true;
}
