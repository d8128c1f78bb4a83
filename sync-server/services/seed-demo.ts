/** Seeds the demo (issue 2, "Demo data when seeding") into an empty data directory, and marks it seeded. */
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { SessionUser } from '../session-user';
import { createAccount } from './accounts';
import { ADA_TICKETS } from './demo-tickets-ada';
import { GRACE_TICKETS } from './demo-tickets-grace';
import { claimSeeding, isEmpty, isSeedClaimed, markDemoSeeded, waitForSeeding } from './demo-marker';
import { buildDemoDocs, type DemoDocs } from './demo-script';
import { writeDocuments, type WriteResult } from './document-writer';
import type { Storage } from './storage';

/** Every demo account's password. */
export const DEMO_PASSWORD = 'demo-password';

/** The demo's accounts, printed at start-up when seeded. */
export const DEMO_USERS = [
  { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace' },
  { role: 'customer', email: 'grace@example.com', name: 'Grace Hopper' },
  { role: 'agent', email: 'sam@example.com', name: 'Sam Rivera' },
] as const;

/** Writes the demo's documents; the writer checks them like any client's, assigns numbers and feeds the index. */
export type DemoWriter = (collection: 'tickets' | 'messages', docs: object[]) => Promise<WriteResult[]>;

/** Builds Ada's and Grace's tickets and messages at `now` (tickets oldest first, so numbers follow time). */
export function buildDemo(users: { ada: SessionUser; grace: SessionUser; sam: SessionUser }, now: number): DemoDocs {
  const ada = buildDemoDocs(users.ada, users.sam, ADA_TICKETS, now);
  const grace = buildDemoDocs(users.grace, users.sam, GRACE_TICKETS, now);
  return {
    tickets: [...ada.tickets, ...grace.tickets].sort((a, b) => a.createdAt - b.createdAt),
    messages: [...ada.messages, ...grace.messages].sort((a, b) => a.createdAt - b.createdAt),
  };
}

async function writeAll(write: DemoWriter, collection: 'tickets' | 'messages', docs: object[]): Promise<void> {
  const results = await write(collection, docs);
  const refused = results.find((result) => !('ok' in result));
  if (refused) throw new Error(`the demo ${collection} were refused: ${JSON.stringify(refused)}`);
}

/** Creates the demo accounts and writes their tickets and messages as the agent Sam. */
export async function seedDemo(storage: Storage, now = Date.now()): Promise<void> {
  const [ada, grace, sam] = await Promise.all(
    DEMO_USERS.map((user) => createAccount(storage, { ...user, password: DEMO_PASSWORD })),
  );
  const demo = buildDemo({ ada: ada!, grace: grace!, sam: sam! }, now);
  const write: DemoWriter = (collection, docs) => writeDocuments({ storage }, sam!, collection, docs);
  await writeAll(write, 'tickets', demo.tickets);
  await writeAll(write, 'messages', demo.messages);
  await markDemoSeeded(storage);
}

/**
 * Seeds when `seedDemo` is on (or 'auto') and the data directory is empty; returns whether it seeded. Of several
 * servers starting at once over one CouchDB, the one whose claim is written first seeds; the others wait for it.
 */
export async function seedDemoIfWanted(storage: Storage, config: ServerConfig, logger: Logger): Promise<boolean> {
  if (config.seedDemo === false) return false;
  if (!(await isSeedClaimed(storage))) {
    if (!(await isEmpty(storage))) return false;
    if (!(await claimSeeding(storage))) return waitedFor(storage, logger);
  } else {
    return waitedFor(storage, logger);
  }
  await seedDemo(storage);
  logger.info('seeded the demo', { users: DEMO_USERS.length, tickets: ADA_TICKETS.length + GRACE_TICKETS.length });
  return true;
}

async function waitedFor(storage: Storage, logger: Logger): Promise<false> {
  if (!(await waitForSeeding(storage))) logger.warn('another server claimed the demo seeding but has not finished it');
  return false;
}
