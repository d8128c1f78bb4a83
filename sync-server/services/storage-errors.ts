/** Start-up failures of storage that the operator can fix, in one line: a held LevelDB lock, an unusable CouchDB. */
import { StorageError } from './storage-engine';

/** The one line said when the data directory is locked. */
export const DATA_DIR_IN_USE = 'the data directory is in use by another process';

/** True when opening storage failed because another process holds LevelDB's lock. */
export function isDataDirLocked(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? '');
  return /IO error: lock|LOCK: Resource temporarily unavailable|already held by process/i.test(message);
}

/**
 * The one line to say when CouchDB at `where` (printed without credentials) cannot be used, or undefined;
 * `urlName` is where its URL came from.
 */
export function couchStartupProblem(error: unknown, where: string, urlName = 'COUCHDB_URL'): string | undefined {
  if (!(error instanceof StorageError)) return undefined;
  if (error.status === 401 || error.status === 403) {
    return `CouchDB at ${where} refused the user name and password in ${urlName} (${error.reason}).`;
  }
  if (error.name === 'unreachable') return `CouchDB at ${where} cannot be reached: ${error.reason}.`;
  return `CouchDB at ${where} answered ${error.status} ${error.name}: ${error.reason}.`;
}
