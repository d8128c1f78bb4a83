/**
 * The files attached on this device that the server does not hold yet, by attachment id: each waits, is
 * uploaded, or was refused (with the reason). Kept in one RxDB local document, so it survives a reload and every
 * tab sees it; the leader tab uploads (`uploader.ts`). A message naming a file that is not uploaded yet is held
 * back from replication (`heldBack`), so nobody sees a message whose files are not on the server.
 */
import type { MessageAttachment, Visibility } from '../../../model';
import type { LocalDocsDatabase } from '../replication/outbox-store';
import { localDocument } from '../local-value';

/** One attached file on its way to the server. */
export interface UploadEntry extends MessageAttachment {
  messageId: string;
  ticketId: string;
  visibility: Visibility;
  state: 'waiting' | 'uploaded' | 'failed';
  reason?: string;
  /** When it was queued (this device's clock): a file queued long ago whose message never came is an orphan. */
  queuedAt?: number;
}
export type UploadEntries = Record<string, UploadEntry>;

const DOC_ID = 'uploads';

/** The queue of one open database. */
export interface UploadQueue {
  /** The entries as stored now (read from storage: another tab may have just written). */
  read(): Promise<UploadEntries>;
  /** Changes the stored entries; one change at a time in this tab. */
  modify(change: (entries: UploadEntries) => void): Promise<void>;
  /** Calls `listener` at each stored change (any tab's); returns the function that stops it. */
  onChange(listener: () => void): () => void;
}

/** Whether `message` names a file of this device that the server does not hold yet. */
export function heldBack(entries: UploadEntries, message: { attachments?: MessageAttachment[] }): boolean {
  return (message.attachments ?? []).some((file) => {
    const entry = entries[file.id];
    return entry !== undefined && entry.state !== 'uploaded';
  });
}

/** The queue in `db`'s local documents. */
export function createUploadQueue(db: LocalDocsDatabase): UploadQueue {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<UploadEntries> => ({ ...((await db.getLocal<{ entries: UploadEntries }>(DOC_ID))?.toJSON().data.entries ?? {}) });
  return {
    read,
    modify(change) {
      const run = queue.then(async () => {
        const doc = await localDocument<{ entries: UploadEntries }>(db, DOC_ID, { entries: {} });
        await doc.incrementalModify((data) => {
          const entries = { ...data.entries };
          change(entries);
          return { entries };
        });
      });
      queue = run.catch(() => undefined);
      return run;
    },
    onChange(listener) {
      const subscription = db.getLocal$(DOC_ID).subscribe(() => listener());
      return () => subscription.unsubscribe();
    },
  };
}
