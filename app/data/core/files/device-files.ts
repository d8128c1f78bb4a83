/**
 * The files of one user's copy on this device: attached with a message (hashed, kept, queued for upload before
 * the message is written), put back in the queue on a retry, dropped with a discarded message, and opened for
 * the screens (the kept copy, else fetched from the server and kept, so a file opened once stays readable
 * offline). The bytes never travel through replication: `uploader.ts` sends them to `/api/attachments`.
 */
import { attachmentMediaType, formatFileSize, newId, sanitiseAttachmentName, type MessageAttachment, type Visibility } from '../../../model';
import type { DeviceHttp } from '../device-http';
import { isStorageFull, writeTroubleMessage, type WriteAction } from '../writes/storage-trouble';
import type { FileStore } from './file-store';
import type { UploadQueue } from './upload-queue';

/** A file as a composer hands it over (a browser's `File`). */
export type FileLike = Blob & { readonly name: string };

/** Files hashed and named, ready to be named by a message. */
export interface PreparedFiles {
  named: MessageAttachment[];
  blobs: Blob[];
}

/** What a message's files are kept for: the message, its ticket, and who may read them. */
export interface FilesOwner {
  messageId: string;
  ticketId: string;
  visibility: Visibility;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(await blob.arrayBuffer()));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The files of one copy: `store` holds the bytes, `queue` what is still to upload, `http` fetches (null offline-only). */
export function createDeviceFiles(store: FileStore, queue: UploadQueue, http: () => DeviceHttp | null) {
  const forget = async (prepared: PreparedFiles): Promise<void> => {
    const ids = prepared.named.map((file) => file.id);
    await queue.modify((entries) => ids.forEach((id) => delete entries[id])).catch(() => undefined);
    await store.delete(ids).catch(() => undefined);
  };

  return {
    /** Hashes and names `files` (a new id each, names sanitised as the server keeps them). */
    async prepare(files: readonly FileLike[] = []): Promise<PreparedFiles> {
      const named = await Promise.all(files.map(async (file) => ({
        id: newId(),
        name: sanitiseAttachmentName(file.name),
        type: attachmentMediaType(file.type),
        size: file.size,
        sha256: await sha256Hex(file),
      })));
      return { named, blobs: [...files] };
    },

    /**
     * Runs `write` (the message's) with its files kept and queued first, so the message is never on the device
     * without its files; the device refusing either (out of space) rejects with `action`'s sentence and keeps
     * nothing of it.
     */
    async writeWith(prepared: PreparedFiles, owner: FilesOwner, action: WriteAction, write: () => Promise<void>): Promise<void> {
      if (prepared.named.length === 0) return write();
      let keeping: MessageAttachment | undefined;
      try {
        for (const [i, file] of prepared.named.entries()) {
          keeping = file;
          await store.put(file.id, prepared.blobs[i]!);
        }
        keeping = undefined;
        await queue.modify((entries) => {
          for (const file of prepared.named) entries[file.id] = { ...file, ...owner, state: 'waiting', queuedAt: Date.now() };
        });
      } catch (error) {
        await forget(prepared);
        // Out of space while keeping a file: say which one, as the sentence for a refused upload does.
        const told = keeping && isStorageFull(error) ? { ...action, notSaved: `${action.notSaved}: “${keeping.name}” (${formatFileSize(keeping.size)}) did not fit` } : action;
        throw new Error(writeTroubleMessage(error, told), { cause: error });
      }
      await write().catch(async (error: unknown) => {
        await forget(prepared);
        throw error;
      });
    },

    /** Puts a refused message's files back in the queue, so that a retry uploads them again. */
    retry(messageId: string): Promise<void> {
      return queue.modify((entries) => {
        for (const entry of Object.values(entries)) {
          if (entry.messageId === messageId && entry.state === 'failed') entries[entry.id] = { ...entry, state: 'waiting', reason: undefined };
        }
      });
    },

    /** Forgets a discarded message's files on this device. */
    async discard(messageId: string): Promise<void> {
      const ids = Object.values(await queue.read()).filter((entry) => entry.messageId === messageId).map((entry) => entry.id);
      if (ids.length === 0) return;
      await queue.modify((entries) => ids.forEach((id) => delete entries[id]));
      await store.delete(ids).catch(() => undefined);
    },

    /** A message's file: the copy kept here, else fetched from the server and kept; rejects with a sentence. */
    async blob(file: MessageAttachment): Promise<Blob> {
      const kept = await store.get(file.id).catch(() => null);
      if (kept) return kept;
      const client = http();
      if (!client) throw new Error(`“${file.name}” is not on this device.`);
      const response = await client.send(`/api/attachments/${encodeURIComponent(file.id)}`).catch(() => null);
      if (!response) throw new Error(`“${file.name}” has not been opened on this device yet; it opens once the network is back.`);
      if (response.status === 401) throw new Error(`Sign in again to open “${file.name}”.`);
      if (!response.ok) throw new Error(`“${file.name}” could not be opened: the server answered ${response.status === 404 ? 'that it has no such file' : `${response.status}`}.`);
      const blob = await response.blob();
      await store.put(file.id, blob).catch(() => undefined); // a full device still shows it, just not offline later
      return blob;
    },
  };
}

export type DeviceFiles = ReturnType<typeof createDeviceFiles>;
