/**
 * The one module that opens storage: users, sessions, tickets, messages, attachments, mail, email delivery states and the server's own scope index, each a
 * `DocumentDatabase` of the engine the configuration names (embedded PouchDB, or a CouchDB 3 server or cluster).
 * Routes and services get `Storage` and never see an engine.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import nano from 'nano';
import { openEmbeddedDatabase } from './storage-embedded';
import { couchDatabase, dropCouchDatabase, ensureCouchDatabase } from './storage-couchdb';
import type { DocumentDatabase } from './storage-engine';

/** Where the databases live: LevelDB files under a directory, memory (tests), or a CouchDB server. */
export type StorageLocation =
  | { kind: 'leveldb'; dataDir: string }
  | { kind: 'memory' }
  /** `url` with credentials; every database is named `prefix` + its name. `dropOnClose` is for tests. */
  | { kind: 'couchdb'; url: string; prefix: string; dropOnClose?: boolean };

export type Database = DocumentDatabase;

/** The databases the server keeps. */
export interface Storage {
  /** Which engine holds them: the embedded one, or CouchDB (several servers may share it). */
  engine: 'embedded' | 'couchdb';
  users: Database;
  sessions: Database;
  tickets: Database;
  messages: Database;
  /** One document per uploaded attachment: its metadata, and its bytes as the document's one CouchDB attachment. */
  attachments: Database;
  /** Email: outgoing mail, its delivery states and the reply tokens it handed out (server-written; never replicated to customers). */
  mail: Database;
  /** One document per email reply (`_id` the message's id): queued, sent or failed with the SMTP reason; agents replicate it, customers never. */
  deliveries: Database;
  /** The per-customer sequence index and counters (ticket numbers) the server keeps for itself. */
  scopeIndex: Database;
  /** Closes every database; call once on shutdown. */
  close(): Promise<void>;
}

const DATABASE_NAMES = ['users', 'sessions', 'tickets', 'messages', 'attachments', 'mail', 'deliveries', 'scopeIndex'] as const;
type DatabaseName = (typeof DATABASE_NAMES)[number];

/** The databases every embedded data directory holds; `attachments`, `mail` and `deliveries` came later, so an older portal lacks them until it starts. */
const FIRST_DATABASE_NAMES: readonly DatabaseName[] = ['users', 'sessions', 'tickets', 'messages', 'scopeIndex'];

/** CouchDB database names are lowercase: `scopeIndex` is stored as `scope_index`. */
const COUCH_NAMES: Readonly<Record<DatabaseName, string>> = {
  users: 'users', sessions: 'sessions', tickets: 'tickets', messages: 'messages', attachments: 'attachments', mail: 'mail', deliveries: 'deliveries', scopeIndex: 'scope_index',
};

let memoryCounter = 0;

/** True when `dataDir` holds an embedded portal: every database's LevelDB files (checked without opening any). */
export function isEmbeddedDataDir(dataDir: string): boolean {
  return FIRST_DATABASE_NAMES.every((name) => existsSync(path.join(dataDir, name, 'CURRENT')));
}

/** Opens (creating when missing) every database at `location`. */
export async function openStorage(location: StorageLocation): Promise<Storage> {
  return location.kind === 'couchdb' ? openCouchStorage(location) : openEmbeddedStorage(location);
}

async function openEmbeddedStorage(location: Extract<StorageLocation, { kind: 'leveldb' | 'memory' }>): Promise<Storage> {
  const prefix = location.kind === 'memory' ? `mem${++memoryCounter}-` : '';
  if (location.kind === 'leveldb') mkdirSync(location.dataDir, { recursive: true });
  const open = (name: string) =>
    location.kind === 'memory'
      ? openEmbeddedDatabase(prefix + name, 'memory')
      : openEmbeddedDatabase(path.join(location.dataDir, name), 'leveldb');
  // LevelDB opens lazily; opening waits for each database to answer, so a held lock shows at start-up.
  const opened = await Promise.allSettled(DATABASE_NAMES.map(open));
  const dbs = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = opened.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(dbs.map((db) => db.close().catch(() => undefined)));
    throw failed.reason;
  }
  const byName = Object.fromEntries(DATABASE_NAMES.map((name, i) => [name, dbs[i]!])) as unknown as Record<DatabaseName, Database>;
  return {
    engine: 'embedded',
    ...byName,
    async close() {
      await Promise.all(dbs.map((db) => db.close()));
    },
  };
}

async function openCouchStorage(location: Extract<StorageLocation, { kind: 'couchdb' }>): Promise<Storage> {
  const client = nano({ url: location.url });
  const names = DATABASE_NAMES.map((name) => location.prefix + COUCH_NAMES[name]);
  for (const name of names) await ensureCouchDatabase(client, name);
  const byName = Object.fromEntries(DATABASE_NAMES.map((name, i) => [name, couchDatabase(client, names[i]!)])) as Record<
    DatabaseName,
    Database
  >;
  return {
    engine: 'couchdb',
    ...byName,
    async close() {
      if (location.dropOnClose) for (const name of names) await dropCouchDatabase(client, name);
    },
  };
}
