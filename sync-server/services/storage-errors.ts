/** Recognises the LevelDB lock another process holds on the data directory. */

/** The one line said when the data directory is locked. */
export const DATA_DIR_IN_USE = 'the data directory is in use by another process';

/** True when opening storage failed because another process holds LevelDB's lock. */
export function isDataDirLocked(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? '');
  return /IO error: lock|LOCK: Resource temporarily unavailable|already held by process/i.test(message);
}
