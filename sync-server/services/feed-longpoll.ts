/**
 * `feed=longpoll`: answers as soon as something the user may see changed after `since`, or empty after the
 * timeout, or empty at once when the client goes away, the server shuts down, or its session or user opened one
 * feed past their cap while it was their oldest. No listener outlives it.
 */
import type { SessionUser } from '../../app/model/user';
import { readChanges, tokenStyle, type ChangesContext, type ChangesPage, type ChangesQuery } from './changes-reader';
import type { FeedOwner } from './feed-caps';
import { formatCursor } from './feed-cursor';
import type { FeedHub } from './feed-hub';
import { wakeRechecks } from './feed-recheck';

/** What a longpoll needs besides the changes reader: the open feeds, and whose this one is (their caps apply). */
export interface LongpollContext extends ChangesContext {
  hub: FeedHub;
  owner: FeedOwner;
}

/** Waits for changes after `query.since`; `signal` aborts when the client goes away. */
export function longpollChanges(
  ctx: LongpollContext,
  user: SessionUser,
  query: ChangesQuery,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ChangesPage> {
  return new Promise((resolve, reject) => {
    // Where the last completed read ended: ending empty there can never skip a change (a later read of the same
    // `since` ends at or after an earlier one, which also holds for CouchDB's partly ordered seqs).
    let lastSeen = query.since;
    let finished = false;
    let reading = false;
    let readAgain = false;
    let wokenWhileReading = false;

    const cleanup = (): void => {
      finished = true;
      rechecks.stop();
      clearTimeout(timer);
      unsubscribe();
      release();
      signal.removeEventListener('abort', endEmpty);
    };
    const endEmpty = (): void => {
      if (finished) return;
      cleanup();
      resolve({ results: [], last_seq: formatCursor(lastSeen, tokenStyle(ctx.storage)), next: lastSeen });
    };
    /** Reads after `query.since`; `woken` when a wake-up (or a re-read after one) asked for it. */
    const check = async (woken: boolean): Promise<void> => {
      if (reading) {
        readAgain = true;
        wokenWhileReading ||= woken;
        return;
      }
      reading = true;
      try {
        do {
          readAgain = false;
          const page = await readChanges(ctx, user, query);
          if (finished) return;
          if (page.results.length > 0) {
            cleanup();
            resolve(page);
            return;
          }
          lastSeen = page.next;
        } while (readAgain && !finished);
        if ((woken || wokenWhileReading) && !finished) rechecks.missed();
        wokenWhileReading = false;
      } catch (error) {
        if (!finished) {
          cleanup();
          reject(error);
        }
      } finally {
        reading = false;
      }
    };

    const rechecks = wakeRechecks(() => void check(true));
    const unsubscribe = ctx.index.onIndexed((batch) => {
      if (batch.collection !== query.collection) return;
      if (user.role !== 'agent' && batch.customerIds && !batch.customerIds.has(user.id)) return;
      void check(true);
    });
    const release = ctx.hub.add(endEmpty, ctx.owner);
    const timer = setTimeout(endEmpty, timeoutMs);
    signal.addEventListener('abort', endEmpty);
    if (signal.aborted) endEmpty();
    else void check(false);
  });
}
