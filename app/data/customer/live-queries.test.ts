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
    expect(next[0]!.searchText).toContain('fixed'); // the new message is searchable at once

    console.info(`500 tickets / 2 500 messages: first list ${firstMs.toFixed(0)} ms, update after a new message ${updateMs.toFixed(0)} ms`);
    expect(firstMs).toBeLessThan(3_000);
    expect(updateMs).toBeLessThan(500);
  });

  it('searches only what the customer sees: the subject, description and public messages, folded', async () => {
    portal = await openTestPortal(ada, { storage: getRxStorageMemory() as RxStorage<unknown, unknown> });
    const ticket = aTicket(ada, { id: 't1', subject: 'Café Printer', description: 'Tray is bent', number: 7 });
    await portal.session.db.tickets.insert(ticket);
    await portal.session.db.messages.bulkInsert([
      aMessage(ticket, ada, { id: 'm1', body: 'It JAMS on page two', createdAt: 1 }),
      aMessage(ticket, sam, { id: 'm2', body: 'Secret vendor remark', createdAt: 2, authorRole: 'agent', visibility: 'internal' }),
    ]);
    const list = portal.within(() => portal.data.tickets());
    // RxDB's memory storage keeps the earlier test's tickets under the same database name: find this one.
    const row = (await until(list, (l) => l?.find((t) => t.id === 't1')?.messageCount === 1))!.find((t) => t.id === 't1');
    expect(row!.searchText).toContain('cafe printer');
    expect(row!.searchText).toContain('tray is bent');
    expect(row!.searchText).toContain('it jams on page two');
    expect(row!.searchText).not.toContain('secret');
  });
});
