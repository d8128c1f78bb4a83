/** Test support: fake-indexeddb refusing writes with QuotaExceededError, as a full device does, in chosen databases. */
import { IDBObjectStore } from 'fake-indexeddb';

type Refuses = (databaseName: string, value: unknown) => boolean;

let refuses: Refuses = () => false;
const store = IDBObjectStore.prototype;
for (const method of ['put', 'add'] as const) {
  const write = store[method] as (...args: unknown[]) => unknown;
  store[method] = function (this: IDBObjectStore, ...args: unknown[]) {
    if (refuses(this.transaction.db.name, args[0])) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return write.apply(this, args);
  } as (typeof store)[typeof method];
}

/** From now on, the writes `refuse` picks (by IndexedDB name and value) are refused; `null` gives room again. */
export function refuseWrites(refuse: Refuses | null): void {
  refuses = refuse ?? (() => false);
}

/** Picks RxDB's IndexedDB databases by the part after `--0--` (`messages`, `tickets`, `plugin-local-documents-`). */
export const into = (...parts: string[]): Refuses => (name) => parts.some((part) => name.endsWith(`--${part}`));
