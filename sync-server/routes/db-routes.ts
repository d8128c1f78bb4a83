/**
 * `/db/{tickets|messages}/`: exactly the CouchDB subset RxDB's replicateCouchDB calls (ARCHITECTURE.md "The wire"),
 * scoped to the session's user; `/db/deliveries/` the same for agents, read-only (the server writes it), and a
 * database that does not exist for customers. Everything else under `/db` is a JSON 404 (unknown path) or 405
 * (wrong method).
 */
import express, { type RequestHandler } from 'express';
import { AGENT_READ_COLLECTIONS, COLLECTIONS } from '../../app/model/constants';
import type { SessionUser } from '../../app/model/user';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import { HttpError } from '../middleware/http-error';
import { methodNotAllowed } from '../middleware/method-not-allowed';
import { requireUser } from '../middleware/require-user';
import { createWriteRateLimit } from '../middleware/write-rate-limit';
import { createFeedHub } from '../services/feed-hub';
import type { FeedIndex } from '../services/feed-index';
import type { RedisConnection } from '../services/redis-connection';
import { startRedisIndex } from '../services/redis-index';
import { startScopeIndex } from '../services/scope-index';
import { withAgentReadFeeds } from '../services/agent-read-feeds';
import type { Storage } from '../services/storage';
import { changesHandler } from './db-changes-handler';
import type { DbContext } from './db-context';
import { bulkDocsHandler, getAllDocsHandler, postAllDocsHandler } from './db-docs-handlers';

/** What the replication router needs from the app. */
export interface DbRouterDeps {
  storage: Storage;
  /** In cluster mode: the index lives in Redis, shared by every server. */
  redis?: RedisConnection;
  config: ServerConfig;
  logger: Logger;
}

const isOneOf = (names: readonly string[], name: unknown): boolean => names.includes(String(name));

/** A collection the session's user may read: an agent-read one answers a customer exactly like an unknown one. */
const knownCollection: RequestHandler = (req, _res, next) => {
  const agent = (req.session.user as SessionUser).role === 'agent';
  if (!isOneOf(COLLECTIONS, req.params.collection) && !(agent && isOneOf(AGENT_READ_COLLECTIONS, req.params.collection))) {
    throw new HttpError(404, 'not_found', 'No such database.');
  }
  next();
};

/** Only the server writes an agent-read collection (it reached here: the user is an agent). */
const writableCollection: RequestHandler = (req, _res, next) => {
  if (isOneOf(AGENT_READ_COLLECTIONS, req.params.collection)) {
    throw new HttpError(403, 'forbidden', 'Only the server writes this database.');
  }
  next();
};

/** The `/db` router; `index` is its per-customer index (outbound mail reads conversations through it); `close()` ends open feeds and stops the index before storage closes. */
export function createDbRouter(deps: DbRouterDeps): express.Router & { index: Promise<FeedIndex>; close(): Promise<void> } {
  const { storage, redis, config, logger } = deps;
  const customerIndex: Promise<FeedIndex> = redis ? startRedisIndex(storage, redis, logger) : startScopeIndex(storage, logger);
  const index = customerIndex.then((ready) => withAgentReadFeeds(ready, storage, logger));
  index.catch((error: unknown) => logger.error('the scope index could not start', { error }));
  let current: FeedIndex | undefined;
  void index.then((ready) => (current = ready), () => undefined);
  const limits = { perSession: config.feedLimitPerSession, perUser: config.feedLimitPerUser };
  const hub = createFeedHub(storage, () => current?.listenerCount() ?? 0, limits);
  const writeLimit = createWriteRateLimit(config, logger, redis);
  const ctx: DbContext = { storage, index, hub, writeLimit, config, logger };

  const router = express.Router() as express.Router & { index: Promise<FeedIndex>; close(): Promise<void> };
  router.index = index;
  router.use(requireUser);
  // POST is how CouchDB clients send a selector; it is answered like GET, the body ignored (never honoured).
  const changes = changesHandler(ctx);
  router.route('/:collection/_changes').all(knownCollection).get(changes).post(changes).all(methodNotAllowed('GET, POST'));
  router
    .route('/:collection/_all_docs')
    .all(knownCollection)
    .get(getAllDocsHandler(ctx))
    .post(postAllDocsHandler(ctx))
    .all(methodNotAllowed('GET, POST'));
  router.route('/:collection/_bulk_docs').all(knownCollection).post(writableCollection, bulkDocsHandler(ctx)).all(methodNotAllowed('POST'));
  router.use((req, res) => {
    res.status(404).json({ error: 'not_found', reason: `Not part of the replication endpoint: ${req.method} /db${req.path}` });
  });
  router.close = async () => {
    writeLimit.close();
    await hub.endAll();
    const ready = await index.catch(() => undefined);
    await ready?.close();
  };
  return router;
}
