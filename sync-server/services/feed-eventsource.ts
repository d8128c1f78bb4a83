/**
 * `feed=eventsource` (agents' inboxes): a `text/event-stream` with one event per change (`id` = seq, `data` =
 * the change row as JSON) and comment heartbeats; it ends when the client goes away, the server shuts down, or its
 * session or user opened one feed past their cap while it was their oldest (EventSource then reconnects).
 */
import type { Response } from 'express';
import type { SessionUser } from '../../app/model/user';
import { readChanges, type ChangesQuery } from './changes-reader';
import type { LongpollContext } from './feed-longpoll';

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

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(':ok\n\n');

  const pump = async (): Promise<void> => {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        for (;;) {
          const page = await readChanges(ctx, user, { ...query, since: cursor, limit: PAGE });
          if (ended) return;
          for (const row of page.results) res.write(`id: ${row.seq}\ndata: ${JSON.stringify(row)}\n\n`);
          cursor = page.next;
          if (page.results.length < PAGE) break;
        }
      } while (pumpAgain && !ended);
    } catch {
      end();
    } finally {
      pumping = false;
    }
  };

  const unsubscribe = ctx.index.onIndexed((batch) => {
    if (batch.collection === query.collection) void pump();
  });
  const heartbeat = setInterval(() => res.write(':\n\n'), heartbeatMs);
  const release = ctx.hub.add(() => end(), ctx.owner);
  function end(): void {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    release();
    res.end();
  }
  // The response's `close` fires when the client goes away (the request's may fire as soon as it was read).
  res.on('close', end);
  void pump();
}
