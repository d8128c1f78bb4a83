/** Whether the data directory holds the demo, and whether it is empty: a local (never replicated) marker doc. */
import type { Storage } from './storage';

const MARKER_ID = '_local/demo-seeded';

/** True when the demo was seeded into this data directory. */
export async function isDemoSeeded(storage: Storage): Promise<boolean> {
  try {
    await storage.users.get(MARKER_ID);
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

/** Records that the demo was seeded. */
export async function markDemoSeeded(storage: Storage): Promise<void> {
  await storage.users.put({ _id: MARKER_ID, seededAt: new Date().toISOString() });
}

/** True when no user, ticket or message has ever been stored. */
export async function isEmpty(storage: Storage): Promise<boolean> {
  const pristine = await Promise.all([storage.users.isPristine(), storage.tickets.isPristine(), storage.messages.isPristine()]);
  return pristine.every(Boolean);
}
