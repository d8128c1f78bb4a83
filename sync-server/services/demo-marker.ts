/**
 * Whether the data directory holds the demo, and whether it is empty: a local (never replicated) marker doc. The
 * claim lets one of several servers starting at once over one CouchDB seed, and the others wait for its marker. It
 * is an ordinary document in the server's own database, not a `_local` one: a CouchDB 3 cluster overwrites a
 * `_local` document written again without its revision (pouchdb-server answers 409), so every server would win.
 */
import type { Database, Storage } from './storage';
import { isConflict, isNotFound } from './storage-engine';

const MARKER_ID = '_local/demo-seeded';
const CLAIM_ID = 'claim/demo-seed';
/** How long a server waits for another one's seeding before it goes on without the demo's branding. */
const WAIT_FOR_SEED_MS = 120_000;
const POLL_MS = 200;

/** True when the marker `id` is stored in `db`. */
async function hasMarker(db: Database, id: string): Promise<boolean> {
  try {
    await db.get(id);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** True when the demo was seeded into this data directory. */
export function isDemoSeeded(storage: Storage): Promise<boolean> {
  return hasMarker(storage.users, MARKER_ID);
}

/**
 * Copies the marker of `source` to `target` (a migration: local docs never replicate), so that a seeded portal is
 * not seeded again and keeps the demo's branding. Says what it found.
 */
export async function copyDemoMarker(source: Storage, target: Storage): Promise<'copied' | 'already there' | 'none'> {
  let marker: Record<string, unknown>;
  try {
    marker = await source.users.get(MARKER_ID);
  } catch (error) {
    if (isNotFound(error)) return 'none';
    throw error;
  }
  // Asked first, not left to the write's 409: a CouchDB cluster overwrites a `_local` document without one.
  if (await isDemoSeeded(target)) return 'already there';
  const { _rev: _, ...fields } = marker;
  try {
    await target.users.put({ ...fields, _id: MARKER_ID });
  } catch (error) {
    if (isConflict(error)) return 'already there';
    throw error;
  }
  return 'copied';
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

/** Whether some server has claimed the seeding (it may still be seeding). */
export function isSeedClaimed(storage: Storage): Promise<boolean> {
  return hasMarker(storage.scopeIndex, CLAIM_ID);
}

/**
 * Claims the seeding; false when another server claimed it first (the first write of a fixed id wins). A write
 * fewer than a quorum of copies took (a cluster answering 202: another server's claim took the others) is no claim.
 */
export async function claimSeeding(storage: Storage): Promise<boolean> {
  try {
    return (await storage.scopeIndex.putWithQuorum({ _id: CLAIM_ID, claimedAt: new Date().toISOString() })).quorum;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

/** Waits until the server that claimed the seeding has finished it; false when it did not within two minutes. */
export async function waitForSeeding(storage: Storage): Promise<boolean> {
  const deadline = Date.now() + WAIT_FOR_SEED_MS;
  while (Date.now() < deadline) {
    if (await isDemoSeeded(storage)) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return false;
}
