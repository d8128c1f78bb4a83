// PouchDB for the anchor's clients: memory databases on the device side, the http adapter to pouchdb-server, replication.
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';

PouchDB.plugin(httpAdapter).plugin(memoryAdapter).plugin(replication);

let counter = 0;

/** A fresh in-memory PouchDB (a device's copy in the anchor). */
export function memoryDb(label: string): PouchDB.Database {
  return new PouchDB(`bench-${label}-${++counter}`, { adapter: 'memory' });
}

/** A database on pouchdb-server. */
export function remoteDb(baseUrl: string, name: string): PouchDB.Database {
  return new PouchDB(`${baseUrl}/${name}`, { adapter: 'http' });
}

/** PouchDB with replication (PouchDB.replicate / PouchDB.sync). */
export const Pouch = PouchDB as unknown as PouchDB.Static & {
  replicate(source: PouchDB.Database, target: PouchDB.Database, options?: Record<string, unknown>): Promise<unknown> & EventEmitterLike;
  sync(a: PouchDB.Database, b: PouchDB.Database, options?: Record<string, unknown>): EventEmitterLike;
};

/** The part of a replication handle the bench uses. */
export interface EventEmitterLike {
  on(event: string, listener: (...args: unknown[]) => void): EventEmitterLike;
  cancel(): void;
}
