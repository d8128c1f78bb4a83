/** A customer's page ends before a document the store returns older than the revision its index recorded. */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../session-user';
import { readChanges } from './changes-reader';
import type { FeedIndex, IndexEntry } from './feed-index';
import { openStorage, type Storage } from './storage';
import { fakeFeedIndex } from '../test-support/fake-feed-index';

const ada: SessionUser = { id: 'ada', role: 'customer', email: 'ada@example.com', name: 'Ada' };
let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

/** An index whose page is `entries` (all of epoch `e1`), as the Redis index answers after a node lagged. */
const indexOf = (entries: () => IndexEntry[]): FeedIndex => fakeFeedIndex(entries).index;

describe('a customer page over a store that lags behind its index', () => {
  it('ends before the stale document and gives it once the store has its indexed revision', async () => {
    storage = await openStorage({ kind: 'memory' });
    const put = (id: string, rev?: string) => storage!.tickets.put({ _id: id, ...(rev && { _rev: rev }), customerId: 'ada', subject: id });
    const a = await put('a');
    const b1 = await put('b');
    const c = await put('c');
    // The index saw b's second revision (through another node), which this store does not return yet.
    let bIndexed = `2-${'f'.repeat(32)}`;
    const index = indexOf(() => [
      { docId: 'a', position: 1, rev: a.rev },
      { docId: 'b', position: 2, rev: bIndexed },
      { docId: 'c', position: 3, rev: c.rev },
    ]);
    const query = { collection: 'tickets' as const, limit: 10, includeDocs: true };

    const first = await readChanges({ storage, index }, ada, { ...query, since: { kind: 'start' } });
    expect(first.results.map((row) => row.id)).toEqual(['a']);
    expect(first.next).toEqual({ kind: 'position', n: 1, epoch: 'e1' });

    const b2 = await put('b', b1.rev);
    bIndexed = b2.rev;
    const second = await readChanges({ storage, index }, ada, { ...query, since: first.next });
    expect(second.results.map((row) => [row.id, row.changes[0]!.rev])).toEqual([['b', b2.rev], ['c', c.rev]]);
    expect(second.next).toEqual({ kind: 'position', n: 3, epoch: 'e1' });
  });

  it('treats a document the store does not have yet as stale, not as gone', async () => {
    storage = await openStorage({ kind: 'memory' });
    const a = await storage.tickets.put({ _id: 'a', customerId: 'ada', subject: 'a' });
    const index = indexOf(() => [
      { docId: 'a', position: 1, rev: a.rev },
      { docId: 'not-here-yet', position: 2, rev: `1-${'e'.repeat(32)}` },
    ]);
    const page = await readChanges({ storage, index }, ada, { collection: 'tickets', limit: 10, includeDocs: false, since: { kind: 'start' } });
    expect(page.results.map((row) => row.id)).toEqual(['a']);
    expect(page.next).toEqual({ kind: 'position', n: 1, epoch: 'e1' });
  });
});
