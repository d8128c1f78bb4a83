/**
 * Pending marks whose write never happened, dropped when the device's copy opens: a write the device refused
 * whose undo could not be stored either (it was full), or a tab closed between mark and write. Without this,
 * the unsent count would never go down (nothing is pushed, so nothing is ever acknowledged).
 */
import { writeTimeOf } from '../rxdb-internals';
import type { PortalDatabase } from '../database';
import type { Outbox, PendingMark } from './outbox-store';

/** Unmarks `outbox`'s pending entries for documents not on the device, or not written since they were marked. */
export async function dropUnwrittenMarks(db: PortalDatabase, outbox: Outbox): Promise<void> {
  const pending = Object.entries(outbox.entries()).filter(([, entry]) => entry.state === 'pending');
  const stale: PendingMark[] = [];
  for (const collection of ['tickets', 'messages'] as const) {
    const marked = pending.filter(([, entry]) => entry.collection === collection);
    if (marked.length === 0) continue;
    const ids = marked.map(([key]) => key.slice(collection.length + 1));
    const docs = await db[collection].findByIds(ids).exec();
    marked.forEach(([key, entry], i) => {
      // A write follows its mark, and RxDB stamps it later than Date.now() at the mark; a tab opening during
      // another tab's write may drop that mark early, which only shows the write as sent a moment too soon.
      const doc = docs.get(ids[i]!);
      if (!doc || writeTimeOf(doc.toJSON(true)) < entry.at) stale.push({ key, at: entry.at, previous: undefined });
    });
  }
  await outbox.unmark(stale);
}
