/** The per-customer sequence index: ranges per customer, older entries dropped, catch-up after a stop or a crash. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { checkpointId } from './scope-index-keys';
import { startScopeIndex, type ScopeIndex } from './scope-index';
import { openStorage, type Storage } from './storage';

const logger = createLogger({ silent: true });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function memoryStorage(): Promise<Storage> {
  const storage = await openStorage({ kind: 'memory' });
  cleanups.push(() => storage.close());
  return storage;
}

async function start(storage: Storage, batchSize?: number): Promise<ScopeIndex> {
  const index = await startScopeIndex(storage, logger, batchSize ? { batchSize } : {});
  cleanups.push(() => index.close());
  return index;
}

/** Stores `count` tickets for each of `customers` straight into the database, as a write the index has not seen. */
async function storeTickets(storage: Storage, customers: string[], count: number): Promise<void> {
  const docs = customers.flatMap((customerId) =>
    Array.from({ length: count }, (_, i) => ({ _id: `${customerId}-t${i}`, customerId, subject: 'Help' })),
  );
  await storage.tickets.bulkDocs(docs);
}

async function docIdsOf(index: ScopeIndex, customerId: string): Promise<string[]> {
  return (await index.readRange('tickets', customerId, 0, 1000)).map((entry) => entry.docId).sort();
}

describe('scope index', () => {
  it('records each customer’s changes in their own range, without internal notes', async () => {
    const storage = await memoryStorage();
    const index = await start(storage);
    await storage.messages.bulkDocs([
      { _id: 'm1', customerId: 'ada', visibility: 'public' },
      { _id: 'm2', customerId: 'ada', visibility: 'internal' },
      { _id: 'm3', customerId: 'grace', visibility: 'public' },
      { _id: 'm4', customerId: 'ada/x', visibility: 'public' },
    ]);
    await index.catchUp('messages', 5_000);
    expect((await index.readRange('messages', 'ada', 0, 100)).map((entry) => entry.docId)).toEqual(['m1']);
    expect((await index.readRange('messages', 'grace', 0, 100)).map((entry) => entry.docId)).toEqual(['m3']);
    expect((await index.readRange('messages', 'ada', 1, 100))).toEqual([]);
  });

  it('keeps one entry per document, at its latest change', async () => {
    const storage = await memoryStorage();
    const index = await start(storage);
    const first = await storage.tickets.put({ _id: 't1', customerId: 'ada', status: 'open' });
    await storage.tickets.put({ _id: 't2', customerId: 'ada', status: 'open' });
    await storage.tickets.put({ _id: 't1', _rev: first.rev, customerId: 'ada', status: 'resolved' });
    await index.catchUp('tickets', 5_000);
    const entries = await index.readRange('tickets', 'ada', 0, 100);
    expect(entries.map((entry) => entry.docId)).toEqual(['t2', 't1']);
    expect(entries[0]!.position).toBeLessThan(entries[1]!.position);
  });

  it('catches up from its checkpoint after being stopped mid-way', async () => {
    const storage = await memoryStorage();
    await storeTickets(storage, ['ada', 'grace', 'alan'], 10);
    const partial = await startPartially(storage, 4);
    expect(partial).toBe(4);
    const checkpoint = (await storage.scopeIndex.get(checkpointId('tickets'))) as unknown as { position: number };
    expect(checkpoint.position).toBe(partial);
    const resumed = await start(storage);
    // The interrupted batch had reserved positions 5 to 8: they are never given out again.
    expect(resumed.indexedPosition('tickets')).toBe(34);
    for (const customer of ['ada', 'grace', 'alan']) expect(await docIdsOf(resumed, customer)).toHaveLength(10);
  });

  it('replays a batch whose checkpoint was lost (a crash between entries and checkpoint) without duplicates', async () => {
    const storage = await memoryStorage();
    await storeTickets(storage, ['ada', 'grace'], 5);
    const first = await startScopeIndex(storage, logger);
    await first.close();
    const checkpoint = await storage.scopeIndex.get(checkpointId('tickets'));
    await storage.scopeIndex.put({ ...checkpoint, since: '3', position: 3, reserved: 3 });
    const index = await start(storage);
    expect(index.indexedPosition('tickets')).toBe(10);
    expect(await index.readRange('tickets', 'ada', 0, 100)).toHaveLength(5);
  });

  it('indexes on start-up what was written to disk while no index ran (kill -9 before indexing)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'harbor-index-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const before = await openStorage({ kind: 'leveldb', dataDir });
    const index = await startScopeIndex(before, logger);
    await storeTickets(before, ['ada'], 2);
    await index.catchUp('tickets', 5_000);
    await index.close();
    await storeTickets(before, ['grace'], 3); // stored, never indexed: the process "dies" here
    await before.close();

    const after = await openStorage({ kind: 'leveldb', dataDir });
    cleanups.push(() => after.close());
    const restarted = await start(after);
    expect(restarted.indexedPosition('tickets')).toBe(5);
    expect(await docIdsOf(restarted, 'grace')).toEqual(['grace-t0', 'grace-t1', 'grace-t2']);
    expect(await docIdsOf(restarted, 'ada')).toEqual(['ada-t0', 'ada-t1']);
  });
});

/**
 * Starts an index with small batches whose second batch write fails, as a process dying mid-way would, and
 * closes it; returns the position it had reached.
 */
async function startPartially(storage: Storage, batchSize: number): Promise<number> {
  const original = storage.scopeIndex.bulkDocs;
  let calls = 0;
  storage.scopeIndex.bulkDocs = ((...args: unknown[]) => {
    calls += 1;
    if (calls === 2) return Promise.reject(new Error('killed'));
    return (original as (...params: unknown[]) => unknown).apply(storage.scopeIndex, args);
  }) as typeof original;
  try {
    const index = await startScopeIndex(storage, logger, { batchSize });
    await index.close();
    return index.indexedPosition('tickets');
  } finally {
    storage.scopeIndex.bulkDocs = original;
  }
}
