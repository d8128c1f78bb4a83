/**
 * `feed=eventsource` (agents' inboxes): a `text/event-stream` with one event per change (`id` = seq, `data` =
 * the change row as JSON) and comment heartbeats; it ends when the client goes away, the server shuts down, or its
 * session or user opened one feed past their cap while it was their oldest (EventSource then reconnects).
 */
import type { Response } from 'express';
import type { SessionUser } from '../../app/model/user';
import { readChanges, type ChangesQuery } from './changes-reader';
import type { LongpollContext } from './feed-longpoll';
import { wakeRechecks } from './feed-recheck';

const PAGE = 100;

/** Streams changes after `query.since` to `res` until the request closes; `heartbeatMs` spaces the heartbeats. */
export function streamChanges(
  ctx: LongpollContext,
  user: SessionUser,
  query: ChangesQuery,
  heartbeatMs: number,
  res: Response,
): void {
  let cursor = query.since;
  let ended = false;
  let pumping = false;
  let pumpAgain = false;
  let wokenWhilePumping = false;

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(':ok\n\n');

  /** Sends what changed after `cursor`; `woken` when a wake-up (or a re-read after one) asked for it. */
  const pump = async (woken: boolean): Promise<void> => {
    if (pumping) {
      pumpAgain = true;
      wokenWhilePumping ||= woken;
      return;
    }
    pumping = true;
    let sent = 0;
    try {
      do {
        pumpAgain = false;
        for (;;) {
          const page = await readChanges(ctx, user, { ...query, since: cursor, limit: PAGE });
          if (ended) return;
          for (const row of page.results) res.write(`id: ${row.seq}\ndata: ${JSON.stringify(row)}\n\n`);
          sent += page.results.length;
          cursor = page.next;
          if (page.results.length < PAGE) break;
        }
      } while (pumpAgain && !ended);
      if (sent > 0) rechecks.found();
      else if (woken || wokenWhilePumping) rechecks.missed();
      wokenWhilePumping = false;
    } catch {
      end();
    } finally {
      pumping = false;
    }
  };

  const rechecks = wakeRechecks(() => void pump(true));
  const unsubscribe = ctx.index.onIndexed((batch) => {
    if (batch.collection === query.collection) void pump(true);
  });
  const heartbeat = setInterval(() => res.write(':\n\n'), heartbeatMs);
  const release = ctx.hub.add(() => end(), ctx.owner);
  function end(): void {
    if (ended) return;
    ended = true;
    rechecks.stop();
    clearInterval(heartbeat);
    unsubscribe();
    release();
    res.end();
  }
  // The response's `close` fires when the client goes away (the request's may fire as soon as it was read).
  res.on('close', end);
  void pump(false);
}
