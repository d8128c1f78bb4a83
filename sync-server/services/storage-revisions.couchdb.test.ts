/** Both engines move revisions as replication does: leaves from the feed, `_revs_diff`, reads with history, `new_edits: false`. */
import { afterAll, describe, expect, it } from 'vitest';
import { testStorageLocation } from '../test-support/test-storage';
import { openStorage, type Database, type Storage } from './storage';
import type { RevisionDocument } from './storage-engine';

const opened: Storage[] = [];
afterAll(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});

async function ticketsOf(kind: 'embedded' | 'couchdb'): Promise<Database> {
  const storage = await openStorage(kind === 'embedded' ? { kind: 'memory' } : testStorageLocation());
  opened.push(storage);
  return storage.tickets;
}

const branch = (id: string, ids: string[], fields: object = {}): RevisionDocument => ({
  _id: id, _rev: `${ids.length}-${ids[0]}`, _revisions: { start: ids.length, ids }, ...fields,
});

describe.each(['embedded', 'couchdb'] as const)('revisions on the %s engine', (kind) => {
  it('stores foreign revisions with their history, lists every leaf, and reports only what it lacks', async () => {
    const db = await ticketsOf(kind);
    const first = await db.put({ _id: 't1', subject: 'one' });
    const second = await db.put({ _id: 't1', _rev: first.rev, subject: 'two' });
    const [root] = first.rev.split('-').slice(1);
    const other = branch('t1', ['b'.repeat(32), root!], { subject: 'other branch' });
    const gone = branch('t1', ['c'.repeat(32), 'd'.repeat(32), root!], { _deleted: true });

    expect(await db.missingRevisions({ t1: [second.rev, other._rev, gone._rev], t2: ['1-abc'] })).toEqual({
      t1: [other._rev, gone._rev], t2: ['1-abc'],
    });
    await db.writeRevisions([other, gone]);
    await db.writeRevisions([other]);
    expect(await db.missingRevisions({ t1: [second.rev, other._rev, gone._rev] })).toEqual({});

    const { results } = await db.changes({ since: null, limit: 10, includeDocs: false, allLeaves: true });
    expect(results).toHaveLength(1);
    expect([...results[0]!.leaves!].sort()).toEqual([second.rev, other._rev, gone._rev].sort());
    const winner = await db.get('t1', { conflicts: true });
    expect(winner._conflicts).toEqual([second.rev < other._rev ? second.rev : other._rev]);

    const read = await db.readRevisions([{ id: 't1', rev: second.rev }, { id: 't1', rev: gone._rev }]);
    expect(read.map((doc) => [doc._rev, doc._revisions.ids.length, doc._deleted ?? false]).sort()).toEqual(
      [[second.rev, 2, false], [gone._rev, 3, true]].sort(),
    );
    await expect(db.readRevisions([{ id: 't1', rev: `1-${'e'.repeat(32)}` }])).rejects.toMatchObject({ status: 404 });
  });
});
