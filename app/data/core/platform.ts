/**
 * What the sync core needs from where it runs, so that it runs unchanged in a browser tab and in Node: whether the
 * device is online, sign-ins (in this tab or another), the list of users' copies on the device, the RxDB storage,
 * and where and how requests go. `platform-browser.ts` is the tab's; tests and the fault suite pass their own.
 */
import type { RxStorage } from 'rxdb';
import type { FileStoreOpener } from './files/file-store';

/** The device's own idea of the network (a tab's `navigator.onLine`); the server's reachability is the core's. */
export interface Connectivity {
  online(): boolean;
  /** Calls `listener` when the device goes online or offline; returns the function that stops it. */
  onChange(listener: (online: boolean) => void): () => void;
}

/** Where the core runs. */
export interface DevicePlatform {
  connectivity: Connectivity;
  /** Calls `listener` after each sign-in on this device (another tab's too); returns the function that stops it. */
  onSignedIn(listener: () => void): () => void;
  /** The names of the users' copies on this device (a new user's copy replaces another's). */
  copies: { read(): string[]; write(names: string[]): void };
  storage: RxStorage<unknown, unknown>;
  /** Where the bytes of files are kept, one store per copy (beside `storage`). */
  files: FileStoreOpener;
  /** Several tabs of one copy share one replication (leader election); off where one process is one device. */
  multiInstance: boolean;
  /** The portal's origin, and the fetch that reaches it (carrying the session cookie). */
  origin: string;
  fetch: typeof fetch;
  /** Asks that the copy is never evicted (a browser's persistent storage); a refusal changes nothing else. */
  keepStorage?(): void;
}
