/** `GET /db/{c}/_changes`: normal, longpoll and (agents only) eventsource feeds; `filter`/`selector` are ignored. */
import type { RequestHandler, Response } from 'express';
import type { FeedCollection } from '../../app/model/constants';
import type { SessionUser } from '../../app/model/user';
import { HttpError } from '../middleware/http-error';
import { isCustomerCollection, readChanges, tokenStyle, wirePage, type ChangesQuery } from '../services/changes-reader';
import { parseSince, type Cursor } from '../services/feed-cursor';
import { streamChanges } from '../services/feed-eventsource';
import { longpollChanges } from '../services/feed-longpoll';
import type { DbContext } from './db-context';
import { MAX_CHANGES_LIMIT, readCount, readFeed, readFlag, readSinceParam } from './db-query';

const DEFAULT_HEARTBEAT_MS = 30_000;

/** The `_changes` handler over `ctx`. */
export function changesHandler(ctx: DbContext): RequestHandler {
  return async (req, res) => {
    const user = req.session.user as SessionUser;
    const collection = req.params.collection as FeedCollection;
    const feed = readFeed(req.query);
    if (feed === 'eventsource' && user.role !== 'agent') {
      throw new HttpError(403, 'forbidden', 'The event stream is for agents; use feed=longpoll.');
    }
    const lastEventId = feed === 'eventsource' ? req.get('last-event-id') : undefined;
    const sinceParam = parseSince(readSinceParam(req.query, lastEventId), user.role, tokenStyle(ctx.storage));
    const limit = Math.min(Math.max(readCount(req.query, 'limit', MAX_CHANGES_LIMIT), 1), MAX_CHANGES_LIMIT);
    const includeDocs = readFlag(req.query, 'include_docs', false);
    const index = await ctx.index;
    const feeds = { storage: ctx.storage, index, hub: ctx.hub, owner: { sessionId: req.sessionID, userId: user.id } };
    // Read-your-writes: a customer's normal page, and a feed's `now`, wait (briefly) for the index to take in what
    // is stored now. A renewed feed does not: it answers once the index has taken in a change, so waiting first
    // would only cost every renewal a pass over the storage's feed (in cluster mode a CouchDB round trip).
    // (A customer never reaches an agent-read collection: the router answered 404.)
    const scoped = user.role !== 'agent' && isCustomerCollection(collection) ? collection : null;
    if (scoped && (feed === 'normal' || sinceParam.kind === 'now')) {
      await index.catchUp(scoped, ctx.config.longpollTimeoutMs);
    }
    let since: Cursor;
    if (sinceParam.kind !== 'now') since = sinceParam;
    else if (scoped) since = await index.endCursor(scoped, user.id);
    else since = { kind: 'seq', seq: await ctx.storage[collection].currentSeq() };
    const query: ChangesQuery = { collection, since, limit, includeDocs };
    if (feed !== 'normal') ctx.hub.trackResponse(res);

    if (feed === 'eventsource') {
      const heartbeat = Math.min(Math.max(readCount(req.query, 'heartbeat', DEFAULT_HEARTBEAT_MS), 100), 60_000);
      streamChanges(feeds, user, query, heartbeat, res);
      return;
    }
    if (feed === 'normal') {
      res.json(wirePage(await readChanges(feeds, user, query)));
      return;
    }
    res.json(wirePage(await longpollChanges(feeds, user, query, ctx.config.longpollTimeoutMs, clientGone(res))));
  };
}

/** An abort signal that fires when the client goes away before the answer is sent. */
function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  const abort = (): void => {
    if (!res.writableFinished) controller.abort();
  };
  // The response's `close` fires when the connection drops, also for a GET whose request already ended.
  res.once('close', abort);
  return controller.signal;
}
