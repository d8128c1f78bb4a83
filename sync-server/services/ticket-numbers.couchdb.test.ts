/** Ticket numbers over CouchDB: a counter left conflicted by a node failure goes on from its highest revision. */
import { afterEach, expect, it } from 'vitest';
import { testStorageLocation } from '../test-support/test-storage';
import { openStorage, type Storage } from './storage';
import { fetchableServer } from './storage-couchdb';
import { ticketNumbersFor } from './ticket-numbers';

const COUNTER_ID = 'counter/ticket-number';
const opened: Storage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});

/** Writes a second branch of the counter the way replication between nodes does (`new_edits: false`). */
async function writeConflictingCounter(url: string, database: string, last: number): Promise<void> {
  const { base, authorization } = fetchableServer(url);
  const res = await fetch(`${base}/${database}/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: JSON.stringify({ new_edits: false, docs: [{ _id: COUNTER_ID, _rev: `1-${'f'.repeat(32)}`, last }] }),
  });
  expect(res.status).toBe(201);
}

it('goes on from the highest revision of a conflicted counter and removes the others', async () => {
  const location = testStorageLocation();
  if (location.kind !== 'couchdb') throw new Error('this suite runs over CouchDB');
  const storage = await openStorage(location);
  opened.push(storage);
  expect(await ticketNumbersFor(storage).next()).toBe(1);
  await writeConflictingCounter(location.url, `${location.prefix}scope_index`, 9);
  const before = await storage.scopeIndex.get(COUNTER_ID, { conflicts: true });
  expect(before._conflicts).toHaveLength(1);

  expect(await ticketNumbersFor(storage).next()).toBe(10);
  expect(await ticketNumbersFor(storage).next()).toBe(11);
  const after = await storage.scopeIndex.get(COUNTER_ID, { conflicts: true });
  expect(after._conflicts ?? []).toEqual([]);
  expect((after as unknown as { last: number }).last).toBe(11);
});
