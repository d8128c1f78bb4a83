/** What a browser device holds: its RxDB copy read straight from IndexedDB (Dexie's `docs` tables), not through the app. */
import type { Page } from 'playwright-core';

/** The device's tickets (with their numbers and statuses) and message ids, deleted documents left out. */
export interface DeviceCopy {
  tickets: Array<{ id: string; number: number | null; status: string }>;
  messageIds: string[];
}

/**
 * Reads the signed-in user's copy in `page` (any page of the app's origin). Read-only transactions beside the
 * app's own connection: nothing is opened that the app has not created (RxDB names each collection's database
 * `rxdb-dexie-{database}--{schema version}--{collection}`; only `harbor-` databases of this origin exist).
 */
export function readDeviceCopy(page: Page): Promise<DeviceCopy> {
  return page.evaluate(async () => {
    const readAll = async (name: string): Promise<Array<Record<string, unknown>>> => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      try {
        return await new Promise((ok, fail) => {
          const all = db.transaction('docs', 'readonly').objectStore('docs').getAll();
          all.onsuccess = () => ok(all.result as Array<Record<string, unknown>>);
          all.onerror = () => fail(all.error);
        });
      } finally {
        db.close();
      }
    };
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const of = async (collection: string) => {
      const name = names.find((n) => n.startsWith('rxdb-dexie-harbor-') && n.endsWith(`--${collection}`));
      if (!name) return [];
      // Dexie storage keeps `_deleted` as '1'/'0' (it is indexed, and IndexedDB cannot index booleans).
      return (await readAll(name)).filter((doc) => doc._deleted !== '1' && doc._deleted !== true);
    };
    const tickets = (await of('tickets')).map((t) => ({ id: String(t.id), number: (t.number as number | null) ?? null, status: String(t.status) }));
    const messageIds = (await of('messages')).map((m) => String(m.id));
    return { tickets, messageIds };
  });
}
