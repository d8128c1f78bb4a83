/** `createApp(config)`: wiring only. Storage, sessions, `/api` (attachments first), `/db`, the built app, then the JSON 404 and errors. */
import express from 'express';
import type { ServerConfig } from './config';
import { createLogger, type Logger } from './logger';
import { createAccountMail, type AccountMail } from './mail/account-mail';
import { startOutboundWorker, type OutboundWorker } from './mail/outbound-worker';
import { timingsFromEnv, type OutboundTimings } from './mail/outbound-timings';
import { createErrorHandler, notFound } from './middleware/error-handlers';
import { jsonBody } from './middleware/json-body';
import { sameOriginCheck } from './middleware/same-origin-check';
import { sessionCookieStrays } from './middleware/session-cookie-strays';
import { securityHeaders } from './middleware/security-headers';
import { passwordResetRateLimit } from './middleware/password-reset-rate-limit';
import { currentPasswordRateLimit, signinRateLimit } from './middleware/signin-rate-limit';
import { createSessionMiddleware } from './middleware/session-middleware';
import { createAgentsRouter } from './routes/agents-routes';
import { createAttachmentsRouter } from './routes/attachments-routes';
import { createCustomersRouter } from './routes/customers-routes';
import { createDbRouter } from './routes/db-routes';
import { createHealthRouter } from './routes/health-routes';
import { createInvitationRouter } from './routes/invitation-routes';
import { createMeRouter } from './routes/me-routes';
import { createPasswordResetRouter } from './routes/password-reset-routes';
import { createPortalRouter } from './routes/portal-routes';
import { createSessionRouter } from './routes/session-routes';
import { createStaticRouter } from './routes/static-routes';
import type { LinkPurpose } from './services/account-links';
import { resolveBranding, type Branding } from './services/branding';
import { isDemoSeeded } from './services/demo-marker';
import { seedDemoIfWanted } from './services/seed-demo';
import { openRedis, type RedisConnection } from './services/redis-connection';
import { openStorage, type Storage } from './services/storage';

/** The running app and what it holds open. */
export interface HarborApp {
  app: express.Express;
  storage: Storage;
  /** The Redis connection in cluster mode (its counters are shared by every server). */
  redis?: RedisConnection;
  /** The branding in effect (for start-up messages). */
  branding: Branding;
  /** True when this start seeded the demo into an empty data directory. */
  seeded: boolean;
  /** Ends open feeds (longpolls answer, event streams end) without closing storage; safe to call again. */
  endFeeds(): Promise<void>;
  /** Ends open feeds, then closes the databases; safe to call again. */
  close(): Promise<void>;
}

/** Options that are not configuration: the logger (tests pass a silent one), outbound mail's pacing and account links' lifetimes (tests pass short ones). */
export interface CreateAppOptions {
  logger?: Logger;
  outboundTimings?: Partial<OutboundTimings>;
  accountLinkLifetimes?: Partial<Record<LinkPurpose, number>>;
}

/** Builds the app over freshly opened storage; seeds the demo first when the configuration asks for it. */
export async function createApp(config: ServerConfig, options: CreateAppOptions = {}): Promise<HarborApp> {
  const logger = options.logger ?? createLogger();
  const storage = await openStorage(config.storage);
  let dbRouter: ReturnType<typeof createDbRouter> | undefined;
  let redis: RedisConnection | undefined;
  let outbound: OutboundWorker | undefined;
  let accountMail: AccountMail | undefined;
  try {
    if (config.redisUrl) redis = await openRedis(config.redisUrl, redisPrefix(config), logger);
    const seeded = await seedDemoIfWanted(storage, config, logger);
    const branding = resolveBranding(config, seeded || (await isDemoSeeded(storage)));

    const app = express();
    app.disable('x-powered-by');
    if (config.trustProxy) app.set('trust proxy', 1);
    app.use(securityHeaders(config));
    app.use(['/api', '/db'], sameOriginCheck(config));
    app.use(createHealthRouter({ storage, ...(redis && { redis }) }));
    // Only the API and the replication endpoint read the session: static files never touch the sessions database.
    const sessions = createSessionMiddleware(config, storage);
    app.use(['/api', '/db'], sessionCookieStrays, sessions);
    // Raw bytes with their own bounded reader, before the JSON parser (which would take a JSON file's body).
    app.use('/api/attachments', createAttachmentsRouter({ storage, config }));
    app.use(jsonBody());
    app.post('/api/session', signinRateLimit(config, redis));
    app.use('/api/session', createSessionRouter({ storage }));
    app.post('/api/me/password', currentPasswordRateLimit(config, redis));
    app.use('/api/me', createMeRouter({ storage }));
    app.use('/api/agents', createAgentsRouter({ storage }));
    const timings = options.outboundTimings ?? timingsFromEnv(process.env);
    // With SMTP_URL set, invitations and password resets are queued and sent; without it nothing is.
    accountMail = createAccountMail({
      storage, config, portalName: branding.name, logger, timings, ...(options.accountLinkLifetimes && { lifetimes: options.accountLinkLifetimes }),
    });
    app.use('/api/password-reset', createPasswordResetRouter({ storage, mail: accountMail, throttle: passwordResetRateLimit(config, redis) }));
    app.use('/api/invitation', createInvitationRouter({ storage }));
    app.use('/api/customers', createCustomersRouter({ storage, mail: accountMail }));
    app.use(createPortalRouter({ branding, config }));
    dbRouter = createDbRouter({ storage, ...(redis && { redis }), config, logger });
    app.use('/db', dbRouter);
    app.use(createStaticRouter({ distDir: config.distDir }));
    app.use(notFound);
    app.use(createErrorHandler(logger));
    // With SMTP_URL set, this server queues and sends email replies; without it nothing starts.
    if (config.mail.outbound) {
      outbound = await startOutboundWorker({
        storage, index: await dbRouter.index, outbound: config.mail.outbound, config, logger,
        timings,
      });
    }
    const outboundWorker = outbound;
    const accountMailer = accountMail;

    const router = dbRouter;
    let ending: Promise<void> | undefined;
    let closing: Promise<void> | undefined;
    const endFeeds = () => (ending ??= router.close());
    return {
      app,
      storage,
      ...(redis && { redis }),
      branding,
      seeded,
      endFeeds,
      close() {
        closing ??= (async () => {
          // The mail being sent now is recorded before storage closes (SIGTERM drains it).
          await outboundWorker?.close();
          await accountMailer.close();
          await endFeeds();
          await storage.close();
          await redis?.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await outbound?.close().catch(() => undefined);
    await accountMail?.close().catch(() => undefined);
    await dbRouter?.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    await redis?.close().catch(() => undefined);
    throw error;
  }
}

/** The Redis key prefix of this portal: several portals (or test apps) may share one Redis. */
function redisPrefix(config: ServerConfig): string {
  return config.storage.kind === 'couchdb' ? `harbor:${config.storage.prefix}` : 'harbor:';
}
