/** The server's configuration: read once from the environment, validated, with one-line reasons when wrong. */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ATTACHMENT_LIMITS } from '../app/model/attachment';
import { parseMailConfig, type MailConfig } from './mail/mail-config';
import type { StorageLocation } from './services/storage';

/** Everything `createApp` and `main` need to run. */
export interface ServerConfig {
  host: string;
  port: number;
  /** The origin users reach the portal at, without a trailing slash. */
  publicUrl: string;
  storage: StorageLocation;
  /** With CouchDB storage: the Redis holding the shared feed index, wake-ups, and sign-in and write counters. */
  redisUrl?: string;
  /** Signs the session cookie. `main` fills it from DATA_DIR when SESSION_SECRET is unset. */
  sessionSecret: string;
  /** `'auto'`: seed the demo when the data directory is empty. */
  seedDemo: boolean | 'auto';
  portalName?: string;
  /** A `#rgb` or `#rrggbb` colour. */
  portalPrimaryColor?: string;
  /** Path of an image file (png, svg, jpg, webp). */
  portalLogo?: string;
  /** Behind an HTTPS proxy: trust one hop and mark cookies Secure. */
  trustProxy: boolean;
  /** The vite build output served at `/`. */
  distDir: string;
  /** How long a `feed=longpoll` waits before answering empty. */
  longpollTimeoutMs: number;
  /** Failed sign-ins allowed per account (normalised email) in one window. */
  signinLimitPerAccount: number;
  /** Failed sign-ins allowed per client address in one window. */
  signinLimitPerAddress: number;
  /** The sign-in throttling window, in milliseconds. */
  signinWindowMs: number;
  /** Password-reset requests allowed per target account (normalised email) in one window, answered or not. */
  resetLimitPerAccount: number;
  /** Password-reset requests allowed per client address in one window. */
  resetLimitPerAddress: number;
  /** The password-reset throttling window, in milliseconds. */
  resetWindowMs: number;
  /** Open feeds (longpolls, event streams) one session may hold; one more ends its oldest. */
  feedLimitPerSession: number;
  /** Open feeds one user may hold over all their sessions, on this server; one more ends their oldest. */
  feedLimitPerUser: number;
  /** Documents one user may write in one window (a batch begun under it goes through whole). */
  writeLimitPerUser: number;
  /** The write throttling window, in milliseconds. */
  writeWindowMs: number;
  /** The largest attachment accepted, in bytes (a larger upload is refused with 413 before it is read whole). */
  attachmentMaxBytes: number;
  /** The most attachments one message may name. */
  attachmentMaxFiles: number;
  /** Email: outbound (SMTP_URL, MAIL_FROM) and inbound (INBOUND_SMTP_PORT); each is off when unset. */
  mail: MailConfig;
  /** Origins besides PUBLIC_URL's that may send state-changing requests (the vite dev server, in development). */
  devOrigins: string[];
}

/** A configuration value the server cannot run with; `message` is one line for the operator. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Image types the logo may have, by extension. */
export const LOGO_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 8080;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
  }
  return port;
}

function parseFlag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true/false), not "${raw}".`);
}

function parsePublicUrl(raw: string | undefined, host: string, port: number): string {
  if (raw === undefined) return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, not "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL must start with http:// or https://, not "${raw}".`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function parseCount(name: string, raw: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'of at least 1' : `from 1 to ${max.toLocaleString('en-US')}`;
    throw new ConfigError(`${name} must be a whole number ${range}, not "${raw}".`);
  }
  return value;
}

/** The defaults of the per-session and per-user limits (the README's configuration table says why). */
export const LIMIT_DEFAULTS = {
  feedLimitPerSession: 8,
  feedLimitPerUser: 32,
  writeLimitPerUser: 2_000,
  writeWindowMs: 60_000,
} as const;

/** The longest write window: a day (the in-memory counter's timer cannot run longer than about 24 days). */
const MAX_WINDOW_SECONDS = 86_400;

type Limits = Pick<ServerConfig, keyof typeof LIMIT_DEFAULTS>;

/** FEED_LIMIT_PER_SESSION, FEED_LIMIT_PER_USER (not below the first), WRITE_LIMIT_PER_USER, WRITE_WINDOW_SECONDS. */
function parseLimits(env: Env): Limits {
  const count = (name: string, fallback: number, max?: number) => parseCount(name, nonEmpty(env, name), fallback, max);
  const perSession = count('FEED_LIMIT_PER_SESSION', LIMIT_DEFAULTS.feedLimitPerSession);
  const perUser = count('FEED_LIMIT_PER_USER', LIMIT_DEFAULTS.feedLimitPerUser);
  if (perUser < perSession) {
    throw new ConfigError(`FEED_LIMIT_PER_USER (${perUser}) must be at least FEED_LIMIT_PER_SESSION (${perSession}): every session is one of its user's.`);
  }
  const windowSeconds = count('WRITE_WINDOW_SECONDS', LIMIT_DEFAULTS.writeWindowMs / 1000, MAX_WINDOW_SECONDS);
  return {
    feedLimitPerSession: perSession,
    feedLimitPerUser: perUser,
    writeLimitPerUser: count('WRITE_LIMIT_PER_USER', LIMIT_DEFAULTS.writeLimitPerUser),
    writeWindowMs: 1000 * windowSeconds,
  };
}

/** The defaults of the attachment limits: 25 MB a file, 10 files a message. */
export const ATTACHMENT_DEFAULTS = {
  attachmentMaxBytes: DEFAULT_ATTACHMENT_LIMITS.maxBytes,
  attachmentMaxFiles: DEFAULT_ATTACHMENT_LIMITS.maxFiles,
} as const;

/**
 * The largest ATTACHMENT_MAX_BYTES: an upload is held in memory whole until its hash is checked, and goes to
 * CouchDB as base64 inside one JSON document, so the bound keeps one upload's cost a small part of the server's.
 */
const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/** ATTACHMENT_MAX_BYTES and ATTACHMENT_MAX_FILES. */
function parseAttachmentLimits(env: Env): Pick<ServerConfig, keyof typeof ATTACHMENT_DEFAULTS> {
  return {
    attachmentMaxBytes: parseCount('ATTACHMENT_MAX_BYTES', nonEmpty(env, 'ATTACHMENT_MAX_BYTES'), ATTACHMENT_DEFAULTS.attachmentMaxBytes, MAX_ATTACHMENT_BYTES),
    attachmentMaxFiles: parseCount('ATTACHMENT_MAX_FILES', nonEmpty(env, 'ATTACHMENT_MAX_FILES'), ATTACHMENT_DEFAULTS.attachmentMaxFiles, 100),
  };
}

/** CouchDB database names: lowercase, starting with a letter (the prefix is followed by our own lowercase names). */
const COUCH_PREFIX = /^[a-z][a-z0-9_$()+-]*$/;

/** A CouchDB URL as printed: without its credentials. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unreadable URL)';
  }
}

/** The default of COUCHDB_DB_PREFIX. */
export const DEFAULT_COUCH_PREFIX = 'harbor_';

/**
 * A CouchDB server URL (`name` says where it came from in the one-line error), without a trailing slash. It must
 * name the server only: `prefixName` names the databases.
 */
export function parseCouchUrl(raw: string, name = 'COUCHDB_URL', prefixName = 'COUCHDB_DB_PREFIX'): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as http://admin:secret@couch-1:5984.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`${name} must start with http:// or https://, not "${parsed.protocol}".`);
  }
  if (parsed.pathname !== '/' || parsed.search || parsed.hash) {
    throw new ConfigError(`${name} must name the server only (no database, path or query); ${prefixName} names the databases.`);
  }
  return parsed.toString().replace(/\/$/, '');
}

/** The prefix of every CouchDB database name (`name` says where it came from in the one-line error). */
export function parseCouchPrefix(raw: string, name = 'COUCHDB_DB_PREFIX'): string {
  if (!COUCH_PREFIX.test(raw)) {
    throw new ConfigError(`${name} must start with a lowercase letter and hold only a-z, 0-9, _, $, (, ), + and -.`);
  }
  return raw;
}

/** Embedded LevelDB under DATA_DIR, or the CouchDB server at COUCHDB_URL (which needs a shared SESSION_SECRET). */
function parseStorage(env: Env, secret: string | undefined): StorageLocation {
  const raw = nonEmpty(env, 'COUCHDB_URL');
  if (raw === undefined) return { kind: 'leveldb', dataDir: path.resolve(nonEmpty(env, 'DATA_DIR') ?? './data') };
  const url = parseCouchUrl(raw);
  const prefix = parseCouchPrefix(nonEmpty(env, 'COUCHDB_DB_PREFIX') ?? DEFAULT_COUCH_PREFIX);
  if (secret === undefined) {
    throw new ConfigError('SESSION_SECRET is required with COUCHDB_URL: every server must sign cookies with the same secret.');
  }
  if (nonEmpty(env, 'REDIS_URL') === undefined) {
    throw new ConfigError('REDIS_URL is required with COUCHDB_URL: the servers share their feed index and throttling counters there.');
  }
  return { kind: 'couchdb', url, prefix };
}

/** REDIS_URL (used with COUCHDB_URL only). */
function parseRedisUrl(env: Env): string | undefined {
  const raw = nonEmpty(env, 'REDIS_URL');
  if (raw === undefined || nonEmpty(env, 'COUCHDB_URL') === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL must be a URL such as redis://redis-1:6379.');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss://, not "${parsed.protocol}".`);
  }
  return raw;
}

function parseDevOrigins(env: Env): string[] {
  if (env.NODE_ENV === 'production') return [];
  const raw = nonEmpty(env, 'DEV_SERVER_ORIGIN') ?? 'http://localhost:5173';
  try {
    return [new URL(raw).origin];
  } catch {
    throw new ConfigError(`DEV_SERVER_ORIGIN must be an absolute http(s) URL, not "${raw}".`);
  }
}

/** Checks the colour is hex; returns it unchanged. */
export function checkColor(name: string, raw: string): string {
  if (!HEX_COLOR.test(raw)) throw new ConfigError(`${name} must be a hex colour such as #4f46e5, not "${raw}".`);
  return raw;
}

/** Checks the logo is a readable png, svg, jpg or webp file; returns its absolute path. */
export function checkLogo(name: string, raw: string): string {
  const file = path.resolve(raw);
  if (!LOGO_TYPES[path.extname(file).toLowerCase()]) {
    throw new ConfigError(`${name} must be a .png, .svg, .jpg or .webp image, not "${raw}".`);
  }
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    accessSync(file, constants.R_OK);
  } catch {
    throw new ConfigError(`${name} must name a readable image file; cannot read "${raw}".`);
  }
  return file;
}

/** Reads and validates the configuration; throws `ConfigError` with a one-line reason. */
export function loadConfig(env: Env): ServerConfig {
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';
  const port = parsePort(nonEmpty(env, 'PORT'));
  const seedRaw = nonEmpty(env, 'SEED_DEMO');
  const color = nonEmpty(env, 'PORTAL_PRIMARY_COLOR');
  const logo = nonEmpty(env, 'PORTAL_LOGO');
  const name = nonEmpty(env, 'PORTAL_NAME');
  if (name !== undefined && name.length > 100) throw new ConfigError('PORTAL_NAME must be at most 100 characters.');
  const secret = nonEmpty(env, 'SESSION_SECRET');
  if (secret !== undefined && secret.length < 16) {
    throw new ConfigError('SESSION_SECRET must be at least 16 characters (or unset, to generate one).');
  }
  return {
    host,
    port,
    publicUrl: parsePublicUrl(nonEmpty(env, 'PUBLIC_URL'), host, port),
    storage: parseStorage(env, secret),
    ...(parseRedisUrl(env) !== undefined && { redisUrl: parseRedisUrl(env)! }),
    sessionSecret: secret ?? '',
    seedDemo: seedRaw === undefined ? 'auto' : parseFlag('SEED_DEMO', seedRaw, true),
    ...(name !== undefined && { portalName: name }),
    ...(color !== undefined && { portalPrimaryColor: checkColor('PORTAL_PRIMARY_COLOR', color) }),
    ...(logo !== undefined && { portalLogo: checkLogo('PORTAL_LOGO', logo) }),
    trustProxy: parseFlag('TRUST_PROXY', nonEmpty(env, 'TRUST_PROXY'), false),
    distDir: path.join(PROJECT_ROOT, 'dist'),
    longpollTimeoutMs: 25_000,
    signinLimitPerAccount: parseCount('SIGNIN_LIMIT_PER_ACCOUNT', nonEmpty(env, 'SIGNIN_LIMIT_PER_ACCOUNT'), 10),
    signinLimitPerAddress: parseCount('SIGNIN_LIMIT_PER_ADDRESS', nonEmpty(env, 'SIGNIN_LIMIT_PER_ADDRESS'), 50),
    signinWindowMs: 1000 * parseCount('SIGNIN_WINDOW_SECONDS', nonEmpty(env, 'SIGNIN_WINDOW_SECONDS'), 900),
    resetLimitPerAccount: parseCount('RESET_LIMIT_PER_ACCOUNT', nonEmpty(env, 'RESET_LIMIT_PER_ACCOUNT'), 5),
    resetLimitPerAddress: parseCount('RESET_LIMIT_PER_ADDRESS', nonEmpty(env, 'RESET_LIMIT_PER_ADDRESS'), 20),
    resetWindowMs: 1000 * parseCount('RESET_WINDOW_SECONDS', nonEmpty(env, 'RESET_WINDOW_SECONDS'), 3600),
    ...parseLimits(env),
    ...parseAttachmentLimits(env),
    mail: parseMailConfig(env),
    devOrigins: parseDevOrigins(env),
  };
}

/** A configuration for tests: memory storage, a fixed secret, no demo, no built app. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'http://127.0.0.1:8080',
    storage: { kind: 'memory' },
    sessionSecret: 'test-secret-0123456789abcdef',
    seedDemo: false,
    trustProxy: false,
    distDir: path.join(PROJECT_ROOT, 'sync-server', 'test-support', 'no-dist-here'),
    longpollTimeoutMs: 25_000,
    signinLimitPerAccount: 10,
    signinLimitPerAddress: 50,
    signinWindowMs: 900_000,
    resetLimitPerAccount: 5,
    resetLimitPerAddress: 20,
    resetWindowMs: 3_600_000,
    ...LIMIT_DEFAULTS,
    ...ATTACHMENT_DEFAULTS,
    mail: {},
    devOrigins: [],
    ...overrides,
  };
}
