/** What every `/db` handler shares: storage, the scope index (ready once caught up), open feeds, configuration. */
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { FeedHub } from '../services/feed-hub';
import type { FeedIndex } from '../services/feed-index';
import type { Storage } from '../services/storage';

/** The `/db` router's shared state. */
export interface DbContext {
  storage: Storage;
  /** Resolves once the index has caught up with both databases at start-up. */
  index: Promise<FeedIndex>;
  hub: FeedHub;
  config: ServerConfig;
  logger: Logger;
}
