/**
 * Live reads stay fast with 500 tickets: one query per list, derived summaries, unchanged rows keep their
 * identity. Measured on RxDB's memory storage (fake-indexeddb is ~100× slower than a browser at bulk writes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxStorage } from 'rxdb';
import { ada, aMessage, aTicket, sam } from '../../model/fixtures';
import { openTestPortal, until, type OpenedPortal } from '../testing/portal-fixture';

let portal: OpenedPortal;
afterEach(async () => portal?.close());

describe('live queries at 500 tickets', () => {
  it('lists 500 tickets with their last messages and follows a new message quickly', async () => {
    portal = await openTestPortal(ada, { storage: getRxStorageMemory() as RxStorage<unknown, unknown> });
    const tickets = Array.from({ length: 500 }, (_, i) =>
      aTicket(ada, { id: `t${String(i).padStart(3, '0')}`, createdAt: i, statusChangedAt: i, number: i + 1 }));
    const messages = tickets.flatMap((t, i) => Array.from({ length: 5 }, (_, j) =>
      aMessage(t, j % 2 ? sam : ada, { id: `${t.id}-m${j}`, createdAt: 10_000 + i * 10 + j, authorRole: j % 2 ? 'agent' : 'customer' })));
    await portal.session.db.tickets.bulkInsert(tickets);
    await portal.session.db.messages.bulkInsert(messages);

    let start = performance.now();
    const list = portal.within(() => portal.data.tickets());
    const first = (await until(list, (l) => l?.length === 500))!;
    const firstMs = performance.now() - start;
    expect(first[0]).toMatchObject({ id: 't499', messageCount: 5, lastMessage: { createdAt: 10_000 + 4994 } });

    start = performance.now();
    await portal.session.db.messages.insert(aMessage(tickets[0]!, sam, { id: 'late', body: 'Fixed', createdAt: 99_999, authorRole: 'agent' }));
    const next = (await until(list, (l) => l?.[0]?.id === 't000'))!;
    const updateMs = performance.now() - start;
    expect(next[0]).toMatchObject({ messageCount: 6, lastMessage: { body: 'Fixed', authorName: sam.name } });
    expect(next[1]).toBe(first[0]); // an unchanged row is the same object, so Solid re-renders only the changed one

    console.info(`500 tickets / 2 500 messages: first list ${firstMs.toFixed(0)} ms, update after a new message ${updateMs.toFixed(0)} ms`);
    expect(firstMs).toBeLessThan(3_000);
    expect(updateMs).toBeLessThan(500);
  });
});
