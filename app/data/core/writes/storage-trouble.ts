/** Recognises the browser refusing storage (IndexedDB unavailable, quota exceeded) inside wrapped RxDB/Dexie errors, and says it in words. */

/** What went wrong with the device's storage, in words for the screen. */
export interface StorageTrouble {
  kind: 'unavailable' | 'full' | 'other';
  title: string;
  detail: string;
}

const FULL = /QuotaExceeded|quota/i;
const UNAVAILABLE = /indexedDB|IDBFactory|SecurityError|InvalidStateError|UnknownError|MissingAPI|DatabaseClosed|OpenFailed/i;

/** The names and messages of `error` and what it wraps (cause, Dexie's `inner`, RxDB's `parameters`). */
function textsOf(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== 'object') return error === undefined ? [] : [String(error)];
  const e = error as { name?: unknown; message?: unknown; cause?: unknown; inner?: unknown; parameters?: { error?: unknown; errors?: unknown } };
  const own = [String(e.name ?? ''), String(e.message ?? '')];
  const wrapped = [e.cause, e.inner, e.parameters?.error, ...(Array.isArray(e.parameters?.errors) ? e.parameters.errors : [])];
  return [...own, ...wrapped.flatMap((inner) => (inner === undefined ? [] : textsOf(inner, depth + 1)))];
}

/** True when `error` is, or wraps, a quota-exceeded error. */
export function isStorageFull(error: unknown): boolean {
  return textsOf(error).some((text) => FULL.test(text));
}

/** Describes a failure to open or write the device's copy. */
export function storageTroubleOf(error: unknown): StorageTrouble {
  if (isStorageFull(error)) {
    return {
      kind: 'full',
      title: 'This device is out of storage space',
      detail: 'Free up space on this device (or allow this site more storage), then try again. Nothing already saved is lost.',
    };
  }
  if (textsOf(error).some((text) => UNAVAILABLE.test(text))) {
    return {
      kind: 'unavailable',
      title: 'This browser is not letting the portal store data',
      detail:
        'Your tickets are kept on this device so they work offline. Private browsing or a blocked-storage setting can prevent that: allow site data for this portal or use a normal window, then reload.',
    };
  }
  return {
    kind: 'other',
    title: 'This device could not open its copy of your tickets',
    detail: `Reload the page to try again. (${textsOf(error).filter(Boolean).slice(0, 2).join(': ')})`,
  };
}

/** A write the user asked for, in words: what was not done, whether their text is still on screen, how to retry. */
export interface WriteAction {
  notSaved: string;
  kept: boolean;
  retry: string;
}

/** A reply (the customer's or an agent's) that the device would not store. */
export const REPLY_NOT_SAVED: WriteAction = { notSaved: 'your reply was not saved', kept: true, retry: 'send it again' };

/** The sentence shown where the user acted when the device refused their write (never a raw storage error). */
export function writeTroubleMessage(error: unknown, action: WriteAction): string {
  const then = `then ${action.retry}.`;
  if (isStorageFull(error)) {
    const free = 'up space on this device (or allow this site more storage),';
    return `This device is out of storage space, so ${action.notSaved}. ${action.kept ? `What you wrote is still here: free ${free}` : `Free ${free}`} ${then}`;
  }
  const reload = action.kept ? 'What you wrote is still here: reload the page,' : 'Reload the page,';
  return `This device could not store that, so ${action.notSaved}. ${reload} ${then}`;
}
