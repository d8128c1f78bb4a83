/** Placeholder for the `/db/{tickets|messages}/` replication endpoint; DB's engineer replaces this file. */
import express from 'express';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { Storage } from '../services/storage';

/** What the replication router needs from the app. */
export interface DbRouterDeps {
  storage: Storage;
  config: ServerConfig;
  logger: Logger;
}

/** The `/db` router; `close()` ends open feeds before storage closes. */
export function createDbRouter(_deps: DbRouterDeps): express.Router & { close(): Promise<void> } {
  const router = express.Router() as express.Router & { close(): Promise<void> };
  router.close = async () => {};
  return router;
}
