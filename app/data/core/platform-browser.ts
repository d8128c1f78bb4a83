/** The sync core's platform in a browser tab: `navigator.onLine`, sign-ins through `session.ts`, localStorage, Dexie. */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { onSignedIn } from '../session';
import type { DevicePlatform } from './platform';
import { browserFileStore } from './files/file-store-browser';

const REGISTRY_KEY = 'harbor.databases';

function readRegistry(): string[] {
  try {
    const names: unknown = JSON.parse(localStorage.getItem(REGISTRY_KEY) ?? '[]');
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** This tab's platform; `storage` and the origin's fetch may be replaced (tests use fake-indexeddb, another origin). */
export function browserPlatform(overrides: Partial<Pick<DevicePlatform, 'storage' | 'files' | 'origin' | 'fetch'>> = {}): DevicePlatform {
  return {
    connectivity: {
      online: () => navigator.onLine,
      onChange(listener) {
        const online = () => listener(true);
        const offline = () => listener(false);
        window.addEventListener('online', online);
        window.addEventListener('offline', offline);
        return () => {
          window.removeEventListener('online', online);
          window.removeEventListener('offline', offline);
        };
      },
    },
    onSignedIn,
    copies: { read: readRegistry, write: (names) => localStorage.setItem(REGISTRY_KEY, JSON.stringify(names)) },
    storage: overrides.storage ?? (getRxStorageDexie() as DevicePlatform['storage']),
    files: overrides.files ?? browserFileStore(),
    multiInstance: true,
    origin: overrides.origin ?? location.origin,
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    keepStorage() {
      navigator.storage?.persist?.().catch(() => undefined);
    },
  };
}
