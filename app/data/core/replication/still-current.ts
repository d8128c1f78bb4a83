/**
 * Which pushed documents are still the device's current state. An acknowledged push settles a write only if
 * nothing changed the document since it was sent; a later edit stays pending until its own push is acknowledged.
 */
import type { CollectionName } from '../../../model';
import type { PortalDatabase } from '../database';

/** Equal as sent: plain values by identity, the files a message names (an array of plain objects) by content. */
function sameValue(sent: unknown, mine: unknown): boolean {
  return typeof mine === 'object' && mine !== null ? JSON.stringify(sent) === JSON.stringify(mine) : sent === mine;
}

/** The ids of `sent` (CouchDB docs, `_id`) whose content equals the device's document now. */
export async function stillCurrent(db: PortalDatabase, name: CollectionName, sent: Record<string, unknown>[]): Promise<Set<string>> {
  const ids = sent.map((doc) => String(doc._id));
  const local = await (db[name] as PortalDatabase['tickets']).findByIds(ids).exec();
  const current = new Set<string>();
  for (const doc of sent) {
    const id = String(doc._id);
    const mine = local.get(id)?.toJSON() as Record<string, unknown> | undefined;
    const same = !mine || Object.entries(mine).every(([key, value]) => key === 'id' || sameValue(doc[key], value));
    if (same) current.add(id);
  }
  return current;
}
