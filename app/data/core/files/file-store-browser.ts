/**
 * A tab's file store: the bytes as Blobs in an IndexedDB database of their own beside the copy's (Dexie, which
 * RxDB's storage already loads), `{copy name}-files`. IndexedDB keeps Blobs on disk and counts them in the
 * origin's quota, so a full device refuses the `put` like any other write.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { FileStoreOpener } from './file-store';

interface StoredFile {
  id: string;
  blob: Blob;
}

/** The IndexedDB database holding the files of the copy `name`. */
export const filesDatabaseName = (name: string): string => `${name}-files`;

/** The opener of a tab's file stores; `options` choose another IndexedDB (tests use fake-indexeddb). */
export const browserFileStore = (options?: DexieOptions): FileStoreOpener => (name) => {
  let opened: (Dexie & { files: Table<StoredFile, string> }) | null = null;
  const db = () => {
    if (!opened) {
      opened = new Dexie(filesDatabaseName(name), options) as Dexie & { files: Table<StoredFile, string> };
      opened.version(1).stores({ files: 'id' });
    }
    return opened;
  };
  return {
    put: async (id, blob) => void (await db().files.put({ id, blob })),
    get: async (id) => (await db().files.get(id))?.blob ?? null,
    delete: (ids) => db().files.bulkDelete([...ids]),
    async remove() {
      opened?.close();
      opened = null;
      await (options ? new Dexie(filesDatabaseName(name), options).delete() : Dexie.delete(filesDatabaseName(name)));
    },
  };
};
