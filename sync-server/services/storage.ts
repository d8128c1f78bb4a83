/**
 * The one module that reaches the storage engine: PouchDB databases for users, sessions, tickets, messages
 * and the per-customer scope index. Routes and services get `Storage` and never import PouchDB themselves,
 * so the engine can later become a CouchDB cluster (pouchdb-adapter-http) without touching them.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import PouchDB from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import memoryAdapter from 'pouchdb-adapter-memory';

PouchDB.plugin(leveldbAdapter).plugin(memoryAdapter);

/** Where the databases live: LevelDB files under a directory, or memory (tests). */
export type StorageLocation = { kind: 'leveldb'; dataDir: string } | { kind: 'memory' };

export type Database = PouchDB.Database;

/** The databases the server keeps. */
export interface Storage {
  users: Database;
  sessions: Database;
  tickets: Database;
  messages: Database;
  /** The per-customer sequence index and counters (ticket numbers) the server keeps for itself. */
  scopeIndex: Database;
  /** Closes every database; call once on shutdown. */
  close(): Promise<void>;
}

const DATABASE_NAMES = ['users', 'sessions', 'tickets', 'messages', 'scopeIndex'] as const;

let memoryCounter = 0;

/** Opens (creating when missing) every database at `location`. */
export async function openStorage(location: StorageLocation): Promise<Storage> {
  const prefix = location.kind === 'memory' ? `mem${++memoryCounter}-` : '';
  if (location.kind === 'leveldb') mkdirSync(location.dataDir, { recursive: true });
  const open = (name: string): Database =>
    location.kind === 'memory'
      ? new PouchDB(prefix + name, { adapter: 'memory' })
      : new PouchDB(path.join(location.dataDir, name), { adapter: 'leveldb' });
  const dbs = Object.fromEntries(DATABASE_NAMES.map((name) => [name, open(name)])) as Record<
    (typeof DATABASE_NAMES)[number],
    Database
  >;
  // LevelDB opens lazily; touching each database here surfaces a held lock at start-up, not mid-request.
  await Promise.all(Object.values(dbs).map((db) => db.info()));
  return {
    ...dbs,
    async close() {
      await Promise.all(Object.values(dbs).map((db) => db.close()));
    },
  };
}
