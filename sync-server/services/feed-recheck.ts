/**
 * Reads again after a wake-up that read nothing. In cluster mode the index writer and a feed's read may reach
 * different copies of CouchDB's shards, and the feed's copy can lag the write by a moment: without a second
 * look the feed would sleep until its timeout (25 s) with the change already indexed, since its wake-up is spent.
 */

/** Delays of the reads after an empty wake-up: 10 ms doubling to 1,280 ms (2.5 s in all), then it gives up. */
const FIRST_MS = 10;
const LAST_MS = 1_280;

/** The re-reads of one feed. */
export interface WakeRechecks {
  /** A read after a wake-up found nothing: read again after the next delay (unless one is waiting). */
  missed(): void;
  /** A read found something: the next empty wake-up starts from the first delay. */
  found(): void;
  stop(): void;
}

/** Re-reads of a feed through `read`. */
export function wakeRechecks(read: () => void): WakeRechecks {
  let delay = FIRST_MS;
  let timer: NodeJS.Timeout | undefined;
  return {
    missed() {
      if (timer || delay > LAST_MS) return;
      timer = setTimeout(() => {
        timer = undefined;
        read();
      }, delay);
      delay *= 2;
    },
    found() {
      delay = FIRST_MS;
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
