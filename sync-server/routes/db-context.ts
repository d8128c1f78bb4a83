/** What every `/db` handler shares: storage, the scope index (ready once caught up), open feeds, the write limit, configuration. */
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { WriteRateLimit } from '../middleware/write-rate-limit';
import type { FeedHub } from '../services/feed-hub';
import type { FeedIndex } from '../services/feed-index';
import type { Storage } from '../services/storage';

/** The `/db` router's shared state. */
export interface DbContext {
  storage: Storage;
  /** Resolves once the index has caught up with both databases at start-up. */
  index: Promise<FeedIndex>;
  hub: FeedHub;
  /** Documents each user may write per window. */
  writeLimit: WriteRateLimit;
  config: ServerConfig;
  logger: Logger;
}
