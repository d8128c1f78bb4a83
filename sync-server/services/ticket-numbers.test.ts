/** Ticket numbers: unique under concurrency, never reused across restarts or a lost counter. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Database, type Storage } from './storage';
import { raiseTicketCounter, readTicketCounter, ticketNumbersFor } from './ticket-numbers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tmpStorage(dataDir: string): Promise<Storage> {
  return openStorage({ kind: 'leveldb', dataDir });
}

describe('ticket numbers', () => {
  it('hands 50 simultaneous callers 50 distinct numbers, 1 to 50', async () => {
    const storage = await openStorage({ kind: 'memory' });
    cleanups.push(() => storage.close());
    const numbers = await Promise.all(Array.from({ length: 50 }, () => ticketNumbersFor(storage).next()));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('continues after a restart, and above stored tickets when the counter is gone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'harbor-numbers-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await tmpStorage(dataDir);
    await ticketNumbersFor(first).next();
    await ticketNumbersFor(first).next();
    await first.tickets.put({ _id: 't-old', number: 40 });
    await first.close();

    const second = await tmpStorage(dataDir);
    expect(await ticketNumbersFor(second).next()).toBe(3);
    const counter = await second.scopeIndex.get('counter/ticket-number');
    await second.scopeIndex.remove(counter._id, counter._rev);
    expect(await ticketNumbersFor(second).next()).toBe(41);
    await second.close();
  });

  it('skips a number whose counter write fewer copies than a quorum took', async () => {
    const storage = await openStorage({ kind: 'memory' });
    cleanups.push(() => storage.close());
    let refusals = 2;
    const scopeIndex: Database = {
      ...storage.scopeIndex,
      async putWithQuorum(doc) {
        const written = await storage.scopeIndex.putWithQuorum(doc);
        return { ...written, quorum: refusals-- <= 0 };
      },
    };
    const partitioned: Storage = { ...storage, scopeIndex };
    expect(await ticketNumbersFor(partitioned).next()).toBe(3);
    expect(await ticketNumbersFor(partitioned).next()).toBe(4);
  });

  it('raises the counter to a number, never lowers it, and reads a conflicted one as its highest revision', async () => {
    const storage = await openStorage({ kind: 'memory' });
    cleanups.push(() => storage.close());
    expect(await readTicketCounter(storage.scopeIndex)).toBeUndefined();
    expect(await raiseTicketCounter(storage, 7)).toEqual({ last: 7, raised: true });
    expect(await raiseTicketCounter(storage, 5)).toEqual({ last: 7, raised: false });
    expect(await ticketNumbersFor(storage).next()).toBe(8);

    await storage.scopeIndex.writeRevisions([
      { _id: 'counter/ticket-number', _rev: `1-${'f'.repeat(32)}`, _revisions: { start: 1, ids: ['f'.repeat(32)] }, last: 20 },
    ]);
    expect(await readTicketCounter(storage.scopeIndex)).toBe(20);
    expect((await storage.scopeIndex.get('counter/ticket-number', { conflicts: true }))._conflicts).toHaveLength(1);
    expect(await raiseTicketCounter(storage, 12)).toEqual({ last: 20, raised: false });
    expect(await raiseTicketCounter(storage, 30)).toEqual({ last: 30, raised: true });
    expect((await storage.scopeIndex.get('counter/ticket-number', { conflicts: true }))._conflicts ?? []).toEqual([]);
    expect(await ticketNumbersFor(storage).next()).toBe(31);
  });

  it('writes a missing counter at least above every stored ticket number', async () => {
    const storage = await openStorage({ kind: 'memory' });
    cleanups.push(() => storage.close());
    await storage.tickets.put({ _id: 't-old', number: 40 });
    expect(await raiseTicketCounter(storage, 12)).toEqual({ last: 40, raised: true });
    expect(await readTicketCounter(storage.scopeIndex)).toBe(40);
    expect(await ticketNumbersFor(storage).next()).toBe(41);
  });
});
