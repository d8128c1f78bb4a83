/** Files kept before their message is written: a device out of space refuses the whole write and names the file. */
import { describe, expect, it } from 'vitest';
import { createDeviceFiles } from './device-files';
import type { FileStore } from './file-store';
import type { UploadEntries, UploadQueue } from './upload-queue';
import { REPLY_NOT_SAVED } from '../writes/storage-trouble';

function memoryQueue(): UploadQueue & { entries: UploadEntries } {
  const queue = {
    entries: {} as UploadEntries,
    read: async () => ({ ...queue.entries }),
    modify: async (change: (entries: UploadEntries) => void) => change(queue.entries),
    onChange: () => () => undefined,
  };
  return queue;
}

/** A store that takes `room` files and refuses the next as a full browser does. */
function storeWithRoomFor(room: number): FileStore & { kept: Map<string, Blob> } {
  const kept = new Map<string, Blob>();
  return {
    kept,
    put: async (id, blob) => {
      if (kept.size >= room) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      kept.set(id, blob);
    },
    get: async (id) => kept.get(id) ?? null,
    delete: async (ids) => ids.forEach((id) => kept.delete(id)),
    remove: async () => kept.clear(),
  };
}

const owner = { messageId: 'm1', ticketId: 't1', visibility: 'public' as const };

describe('device files', () => {
  it('names the file that did not fit and keeps nothing of the write', async () => {
    const store = storeWithRoomFor(1);
    const queue = memoryQueue();
    const files = createDeviceFiles(store, queue, () => null);
    const prepared = await files.prepare([new File(['small'], 'note.txt'), new File([new Uint8Array(3 * 1024 * 1024)], 'core.dump')]);
    let wrote = false;
    const writing = files.writeWith(prepared, owner, REPLY_NOT_SAVED, async () => void (wrote = true));
    await expect(writing).rejects.toThrow(
      'This device is out of storage space, so your reply was not saved: “core.dump” (3 MB) did not fit. What you wrote is still here: free up space on this device (or allow this site more storage), then send it again.',
    );
    expect(wrote).toBe(false);
    expect(store.kept.size).toBe(0);
    expect(queue.entries).toEqual({});
  });

  it('keeps and queues every file, then writes the message', async () => {
    const store = storeWithRoomFor(5);
    const queue = memoryQueue();
    const files = createDeviceFiles(store, queue, () => null);
    const prepared = await files.prepare([new File(['a'], 'a.txt'), new File(['b'], 'b.txt')]);
    let queuedWhenWritten = 0;
    await files.writeWith(prepared, owner, REPLY_NOT_SAVED, async () => void (queuedWhenWritten = Object.keys(queue.entries).length));
    expect(queuedWhenWritten).toBe(2);
    expect(store.kept.size).toBe(2);
  });
});
