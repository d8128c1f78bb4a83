/**
 * The sync core's platform in Node (the fault suites, tests): RxDB's memory storage, one device per database (no
 * leader election between the devices of one process), a network the caller can take down, and sign-ins it
 * announces itself.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { DevicePlatform } from './platform';
import { memoryFileStores } from './files/file-store';

/** A Node device's platform and its switches. */
export interface NodePlatform extends DevicePlatform {
  /** Takes the device's network down (every request fails as a dropped network does) or brings it back. */
  setOnline(online: boolean): void;
  /** Tells the device that its user signed in again (what another tab's sign-in is in a browser). */
  announceSignedIn(): void;
}

/** A platform whose requests go to `origin` through `fetch` (which carries the session cookie). */
export function nodePlatform(origin: string, fetch: typeof globalThis.fetch): NodePlatform {
  let online = true;
  let copies: string[] = [];
  const onlineListeners = new Set<(online: boolean) => void>();
  const signInListeners = new Set<() => void>();
  const listen = <T>(set: Set<T>, listener: T): (() => void) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  return {
    connectivity: { online: () => online, onChange: (listener) => listen(onlineListeners, listener) },
    onSignedIn: (listener) => listen(signInListeners, listener),
    copies: { read: () => copies, write: (names) => void (copies = [...names]) },
    storage: getRxStorageMemory() as DevicePlatform['storage'],
    files: memoryFileStores(),
    multiInstance: false,
    origin,
    fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: the device is offline'))),
    setOnline(next) {
      if (next === online) return;
      online = next;
      for (const listener of [...onlineListeners]) listener(next);
    },
    announceSignedIn() {
      for (const listener of [...signInListeners]) listener();
    },
  };
}
