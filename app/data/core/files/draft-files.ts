/**
 * The files chosen in a composer and not sent yet, kept like the composer's text: they survive a reload and an
 * app restart, and go with the copy at sign-out. The bytes sit in the copy's file store under ids of their own
 * (`draft-…`, never an attachment's); which draft holds which, in order, is one local document.
 */
import { newId } from '../../../model';
import type { LocalDocsDatabase } from '../replication/outbox-store';
import { localDocument } from '../local-value';
import type { FileStore } from './file-store';

/** One kept file of a draft: its bytes' id in the store and what a `File` needs besides them. */
interface KeptFile {
  id: string;
  name: string;
  type: string;
  lastModified: number;
}
type Manifest = { drafts: Record<string, KeptFile[]> };

const DOC_ID = 'draft-files';

/** The chosen files of every composer of one copy. */
export interface DraftFiles {
  /** The files kept for `key`, as `File`s, in the order they were chosen. */
  read(key: string): Promise<File[]>;
  /** Keeps exactly `files` for `key` (new ones stored, dropped ones deleted); rejects when the device refuses. */
  keep(key: string, files: readonly File[]): Promise<void>;
}

/** The draft files of the copy whose local documents are `db` and whose bytes are in `store`. */
export function createDraftFiles(db: LocalDocsDatabase, store: FileStore): DraftFiles {
  // The store id of each File this tab kept or read back, so keeping the same file again stores nothing.
  const ids = new WeakMap<File, string>();
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };
  const manifest = async (): Promise<Manifest> => ((await db.getLocal<Manifest>(DOC_ID))?.toJSON().data as Manifest | undefined) ?? { drafts: {} };

  return {
    read: (key) => serial(async () => {
      const files: File[] = [];
      for (const kept of (await manifest()).drafts[key] ?? []) {
        const blob = await store.get(kept.id).catch(() => null);
        if (!blob) continue; // its bytes are gone (a partly wiped device): the others still come back
        const file = new File([blob], kept.name, { type: kept.type, lastModified: kept.lastModified });
        ids.set(file, kept.id);
        files.push(file);
      }
      return files;
    }),
    keep: (key, files) => serial(async () => {
      const before = (await manifest()).drafts[key] ?? [];
      const now: KeptFile[] = [];
      for (const file of files) {
        let id = ids.get(file);
        if (!id || !before.some((kept) => kept.id === id)) {
          id = `draft-${newId()}`;
          await store.put(id, file);
          ids.set(file, id);
        }
        now.push({ id, name: file.name, type: file.type, lastModified: file.lastModified });
      }
      const doc = await localDocument<Manifest>(db, DOC_ID, { drafts: {} });
      await doc.incrementalModify((data) => {
        const drafts = { ...data.drafts };
        if (now.length > 0) drafts[key] = now;
        else delete drafts[key];
        return { drafts };
      });
      const dropped = before.filter((kept) => !now.some((n) => n.id === kept.id)).map((kept) => kept.id);
      if (dropped.length > 0) await store.delete(dropped).catch(() => undefined);
    }),
  };
}
