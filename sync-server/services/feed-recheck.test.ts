/** A feed woken for a change its store does not show yet reads again, rather than sleeping until its timeout. */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../session-user';
import { createFeedHub } from './feed-hub';
import { longpollChanges } from './feed-longpoll';
import { openStorage, type Storage } from './storage';
import { fakeFeedIndex } from '../test-support/fake-feed-index';

const ada: SessionUser = { id: 'ada', role: 'customer', email: 'ada@example.com', name: 'Ada' };
let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

describe('a longpoll woken for a change its store does not show yet', () => {
  it('reads again and answers with it once the store has it, long before its timeout', async () => {
    storage = await openStorage({ kind: 'memory' });
    // The index saw the ticket (through another CouchDB node) before this store returns it.
    const rev = `1-${'a'.repeat(32)}`;
    const lag = fakeFeedIndex(() => [{ docId: 'late', position: 1, rev }]);
    const hub = createFeedHub(storage, () => 0, { perSession: 8, perUser: 32 });
    // The store's reads, in order: the first (before any wake-up) finds nothing and the wake-up arrives while it
    // runs; the second (the woken one) still finds nothing, and the ticket lands in the store just after it.
    // No further wake-up comes: only a second look finds the ticket before the 60 s timeout.
    const tickets = storage.tickets;
    const read = tickets.allDocs.bind(tickets);
    let reads = 0;
    tickets.allDocs = async (options) => {
      const rows = await read(options);
      reads += 1;
      if (reads === 1) lag.wake('tickets', 'ada');
      if (reads === 2) {
        await tickets.writeRevisions([{ _id: 'late', _rev: rev, _revisions: { start: 1, ids: ['a'.repeat(32)] }, customerId: 'ada', subject: 'late' }]);
      }
      return rows;
    };
    const query = { collection: 'tickets' as const, limit: 10, includeDocs: true, since: { kind: 'position' as const, n: 0, epoch: 'e1' } };
    const answer = longpollChanges({ storage, index: lag.index, hub, owner: { sessionId: 's1', userId: ada.id } }, ada, query, 60_000, new AbortController().signal);
    const page = await answer;
    expect(page.results.map((row) => [row.id, row.changes[0]!.rev])).toEqual([['late', rev]]);
    expect(lag.index.listenerCount()).toBe(0);
    expect(hub.openCount()).toBe(0);
  });
});
