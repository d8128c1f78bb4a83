/**
 * What this device has opened: customer messages seen per ticket, in one RxDB local document (never
 * replicated; every tab of the device shares it). Counts, not times, so a customer's clock cannot hide a reply.
 */
import { createSignal, getOwner, onCleanup, type Accessor } from 'solid-js';
import type { LocalValue } from '../core/local-value';
import type { SeenCounts } from './inbox-rows';

/** The local document holding the counts. */
export const SEEN_DOC = 'agent-seen';

/** The seen counts and the way to raise one. */
export interface SeenStore {
  seen: Accessor<SeenCounts>;
  /** Records that `count` customer messages of the ticket were seen (never lowers it); never rejects. */
  markSeen(ticketId: string, count: number): Promise<void>;
}

/** Reads and follows the device's seen counts; call inside a reactive owner. */
export function createSeenStore(stored: LocalValue<{ counts: SeenCounts }>): SeenStore {
  const [seen, setSeen] = createSignal<SeenCounts>({});
  const subscription = stored.changes$.subscribe((value) => {
    if (value) setSeen(value.counts);
  });
  if (getOwner()) onCleanup(() => subscription.unsubscribe());
  let queue: Promise<unknown> = Promise.resolve();
  return {
    seen,
    markSeen(ticketId, count) {
      if ((seen()[ticketId] ?? 0) >= count) return Promise.resolve();
      const next = { ...seen(), [ticketId]: count };
      setSeen(next);
      const write = queue.then(async () => {
        const counts = (await stored.read())?.counts ?? {};
        await stored.write({ counts: { ...counts, [ticketId]: Math.max(counts[ticketId] ?? 0, count) } });
      });
      // A device too full to store the mark still shows the ticket read until the next start, which shows it
      // unread again: nothing is lost, so the failed write is not the screen's concern (nor an unhandled error).
      queue = write.catch(() => undefined);
      return queue.then(() => undefined);
    },
  };
}
