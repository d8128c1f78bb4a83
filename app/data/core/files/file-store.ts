/**
 * Where the device keeps the bytes of files: those attached here (until uploaded, and after, to show them) and
 * those opened once (so they stay readable offline). One store per user's copy, removed with it at sign-out.
 * `memoryFileStores` are Node's and the tests'; a tab keeps them in IndexedDB (`file-store-browser.ts`).
 */

/** The bytes of files by attachment id. */
export interface FileStore {
  /** Keeps `blob` under `id`; rejects when the device refuses it (out of space). */
  put(id: string, blob: Blob): Promise<void>;
  /** The bytes under `id`, or null when this device has none. */
  get(id: string): Promise<Blob | null>;
  delete(ids: readonly string[]): Promise<void>;
  /** Removes the whole store (sign-out). */
  remove(): Promise<void>;
}

/** Opens the store of the copy named `name`. */
export type FileStoreOpener = (name: string) => FileStore;

/** Stores held in this process's memory (one device's: each call has its own). */
export const memoryFileStores = (): FileStoreOpener => {
  const memory = new Map<string, Map<string, Blob>>();
  return (name) => memoryFileStore(memory, name);
};

function memoryFileStore(memory: Map<string, Map<string, Blob>>, name: string): FileStore {
  const files = (): Map<string, Blob> => {
    let map = memory.get(name);
    if (!map) memory.set(name, (map = new Map()));
    return map;
  };
  return {
    put: async (id, blob) => void files().set(id, blob),
    get: async (id) => files().get(id) ?? null,
    delete: async (ids) => ids.forEach((id) => files().delete(id)),
    remove: async () => void memory.delete(name),
  };
}
