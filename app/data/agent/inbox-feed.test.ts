/** The inbox feed keeps its index on the device: a later start reads it and only what changed since, counting nothing twice. */
import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { createRoot } from 'solid-js';
import { aMessage, aTicket, ada, sam } from '../../model/fixtures';
import { browserPlatform } from '../core/platform-browser';
import { openDatabase, type PortalDatabase } from '../core/database';
import { localValue } from '../core/local-value';
import { createDeviceReads } from '../core/reads';
import { createInboxFeed, type InboxFeed } from './inbox-feed';
import { INBOX_INDEX_DOC } from './inbox-stored';
import { createOutbox } from '../core/replication/outbox-store';
import { freshStorage, until } from '../testing/portal-fixture';

let db: PortalDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

function startFeed(database: PortalDatabase): InboxFeed {
  return createRoot(() => createInboxFeed(createDeviceReads(database), localValue(database, INBOX_INDEX_DOC)));
}

/** Resolves once the feed has stored its index on the device. */
async function stored(database: PortalDatabase): Promise<void> {
  await firstValueFrom(localValue(database, INBOX_INDEX_DOC).changes$.pipe(filter((value) => value !== null)));
}

describe('the stored inbox index', () => {
  it('restores the index and catches up with what was written while no feed ran', async () => {
    localStorage.clear();
    db = await openDatabase(sam, createOutbox(), browserPlatform({ storage: freshStorage() }));
    const one = aTicket(ada, { id: 't-1', createdAt: 1_000, statusChangedAt: 1_000 });
    const two = aTicket(ada, { id: 't-2', createdAt: 2_000, statusChangedAt: 2_000 });
    await db.tickets.bulkInsert([one, two]);
    await db.messages.bulkInsert([
      aMessage(one, ada, { id: 'm1', createdAt: 1_000 }), aMessage(one, sam, { id: 'm2', createdAt: 1_100 }),
      aMessage(two, ada, { id: 'm3', createdAt: 2_000 }),
    ]);
    const first = startFeed(db);
    await until(first.ready, Boolean);
    expect(first.index.entries.get('t-1')!.activity.count).toBe(2);
    await stored(db);
    first.dispose();

    await db.messages.insert(aMessage(two, ada, { id: 'm4', createdAt: 3_000, body: 'Any news?' }));
    await db.tickets.findOne('t-1').incrementalPatch({ status: 'pending', statusChangedAt: 4_000 });
    const second = startFeed(db);
    await until(second.ready, Boolean);
    const entries = second.index.byActivity();
    expect(entries.map((e) => [e.ticket.id, e.ticket.status, e.activity.count, e.activity.customerCount])).toEqual([
      ['t-1', 'pending', 2, 1],
      ['t-2', 'open', 2, 2],
    ]);
    expect(entries[1]!.activity.last?.body).toBe('Any news?');
    second.dispose();
  });

  it('stores the index at once when the tab is hidden after a change', async () => {
    localStorage.clear();
    db = await openDatabase(sam, createOutbox(), browserPlatform({ storage: freshStorage() }));
    const feed = startFeed(db);
    await until(feed.ready, Boolean);
    await db.tickets.insert(aTicket(ada, { id: 't-1' }));
    await until(feed.version, () => feed.index.entries.size === 1);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      const hiddenAt = Date.now();
      document.dispatchEvent(new Event('visibilitychange'));
      await stored(db);
      expect(Date.now() - hiddenAt).toBeLessThan(1_000); // well before the save 2 s after a change
      const doc = await db.getLocal<{ json: string }>(INBOX_INDEX_DOC);
      expect(JSON.parse(doc!.toJSON().data.json).index.tickets).toHaveLength(1);
    } finally {
      delete (document as { visibilityState?: string }).visibilityState;
      feed.dispose();
    }
  });
});
