/** Configuration from the environment: defaults, and one-line reasons for bad values. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, testConfig } from './config';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function reason(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads the password-reset throttling, and refuses a count that is not one', () => {
    const config = loadConfig({ RESET_LIMIT_PER_ACCOUNT: '3', RESET_LIMIT_PER_ADDRESS: '7', RESET_WINDOW_SECONDS: '60' });
    expect(config).toMatchObject({ resetLimitPerAccount: 3, resetLimitPerAddress: 7, resetWindowMs: 60_000 });
    expect(reason({ RESET_LIMIT_PER_ACCOUNT: 'many' })).toContain('RESET_LIMIT_PER_ACCOUNT');
  });

  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://127.0.0.1:8080',
      storage: { kind: 'leveldb', dataDir: path.resolve('data') },
      sessionSecret: '',
      seedDemo: 'auto',
      trustProxy: false,
      longpollTimeoutMs: 25_000,
      feedLimitPerSession: 8,
      feedLimitPerUser: 32,
      writeLimitPerUser: 2_000,
      writeWindowMs: 60_000,
      attachmentMaxBytes: 26_214_400,
      attachmentMaxFiles: 10,
      resetLimitPerAccount: 5,
      resetLimitPerAddress: 20,
      resetWindowMs: 3_600_000,
    });
    expect(config.distDir).toMatch(/dist$/);
    expect(config.portalName).toBeUndefined();
  });

  it('reads every variable', () => {
    const logo = path.join(tmp, 'logo.png');
    writeFileSync(logo, 'png');
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      PUBLIC_URL: 'https://help.example.com/',
      DATA_DIR: tmp,
      SESSION_SECRET: 'a-long-enough-secret',
      SEED_DEMO: '0',
      PORTAL_NAME: 'Globex Help',
      PORTAL_PRIMARY_COLOR: '#0a7',
      PORTAL_LOGO: logo,
      TRUST_PROXY: '1',
      FEED_LIMIT_PER_SESSION: '4',
      FEED_LIMIT_PER_USER: '4',
      WRITE_LIMIT_PER_USER: '500',
      WRITE_WINDOW_SECONDS: '30',
      ATTACHMENT_MAX_BYTES: '1048576',
      ATTACHMENT_MAX_FILES: '3',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      publicUrl: 'https://help.example.com',
      storage: { kind: 'leveldb', dataDir: tmp },
      sessionSecret: 'a-long-enough-secret',
      seedDemo: false,
      portalName: 'Globex Help',
      portalPrimaryColor: '#0a7',
      portalLogo: logo,
      trustProxy: true,
      feedLimitPerSession: 4,
      feedLimitPerUser: 4,
      writeLimitPerUser: 500,
      writeWindowMs: 30_000,
      attachmentMaxBytes: 1_048_576,
      attachmentMaxFiles: 3,
    });
  });

  it('refuses bad values with a one-line reason', () => {
    expect(reason({ PORT: 'eighty' })).toMatch(/PORT/);
    expect(reason({ PORT: '70000' })).toMatch(/PORT/);
    expect(reason({ PUBLIC_URL: 'help.example.com' })).toMatch(/PUBLIC_URL/);
    expect(reason({ PUBLIC_URL: 'ftp://help.example.com' })).toMatch(/PUBLIC_URL/);
    expect(reason({ SEED_DEMO: 'maybe' })).toMatch(/SEED_DEMO/);
    expect(reason({ TRUST_PROXY: 'sometimes' })).toMatch(/TRUST_PROXY/);
    expect(reason({ SESSION_SECRET: 'short' })).toMatch(/SESSION_SECRET/);
    expect(reason({ PORTAL_PRIMARY_COLOR: 'indigo' })).toMatch(/PORTAL_PRIMARY_COLOR.*hex/);
    expect(reason({ PORTAL_PRIMARY_COLOR: '#12345' })).toMatch(/PORTAL_PRIMARY_COLOR/);
    expect(reason({ PORTAL_LOGO: path.join(tmp, 'missing.png') })).toMatch(/PORTAL_LOGO.*cannot read/);
    expect(reason({ PORTAL_LOGO: path.join(tmp, 'logo.gif') })).toMatch(/PORTAL_LOGO.*png/);
    expect(reason({ PORTAL_LOGO: tmp + '.svg' })).toMatch(/PORTAL_LOGO/);
    expect(reason({ FEED_LIMIT_PER_SESSION: '0' })).toMatch(/^FEED_LIMIT_PER_SESSION must be a whole number of at least 1/);
    expect(reason({ FEED_LIMIT_PER_USER: 'many' })).toMatch(/^FEED_LIMIT_PER_USER must be a whole number/);
    expect(reason({ FEED_LIMIT_PER_SESSION: '10', FEED_LIMIT_PER_USER: '5' })).toMatch(/^FEED_LIMIT_PER_USER \(5\) must be at least FEED_LIMIT_PER_SESSION \(10\)/);
    expect(reason({ WRITE_LIMIT_PER_USER: '1.5' })).toMatch(/^WRITE_LIMIT_PER_USER must be a whole number/);
    expect(reason({ WRITE_WINDOW_SECONDS: '86401' })).toMatch(/^WRITE_WINDOW_SECONDS must be a whole number from 1 to 86,400/);
    expect(reason({ ATTACHMENT_MAX_BYTES: '25MB' })).toMatch(/^ATTACHMENT_MAX_BYTES must be a whole number from 1 to 104,857,600/);
    expect(reason({ ATTACHMENT_MAX_BYTES: '104857601' })).toMatch(/^ATTACHMENT_MAX_BYTES must be a whole number/);
    expect(reason({ ATTACHMENT_MAX_FILES: '0' })).toMatch(/^ATTACHMENT_MAX_FILES must be a whole number from 1 to 100/);
  });
});

describe('testConfig', () => {
  it('switches to CouchDB with COUCHDB_URL, which needs SESSION_SECRET, REDIS_URL and a lowercase prefix', () => {
    const secret = 'a-secret-shared-by-every-server';
    const redis = { REDIS_URL: 'redis://redis-1:6379', SESSION_SECRET: secret };
    const cluster = loadConfig({ COUCHDB_URL: 'http://admin:secret@couch-1:5984/', ...redis });
    expect(cluster.storage).toEqual({ kind: 'couchdb', url: 'http://admin:secret@couch-1:5984', prefix: 'harbor_' });
    expect(cluster.redisUrl).toBe('redis://redis-1:6379');
    expect(loadConfig({ COUCHDB_URL: 'https://couch.example', COUCHDB_DB_PREFIX: 'acme_', ...redis }).storage)
      .toMatchObject({ prefix: 'acme_' });
    expect(loadConfig({ REDIS_URL: 'redis://redis-1:6379' }).redisUrl).toBeUndefined();
    expect(reason({ COUCHDB_URL: 'http://couch-1:5984', REDIS_URL: 'redis://r:6379' })).toMatch(/^SESSION_SECRET is required with COUCHDB_URL/);
    expect(reason({ COUCHDB_URL: 'http://couch-1:5984', SESSION_SECRET: secret })).toMatch(/^REDIS_URL is required with COUCHDB_URL/);
    expect(reason({ COUCHDB_URL: 'http://couch-1:5984', ...redis, REDIS_URL: 'http://r:6379' })).toMatch(/^REDIS_URL must start with redis:/);
    expect(reason({ COUCHDB_URL: 'couch-1:5984', ...redis })).toMatch(/^COUCHDB_URL must start with http/);
    expect(reason({ COUCHDB_URL: 'not a url', ...redis })).toMatch(/^COUCHDB_URL must be a URL/);
    expect(reason({ COUCHDB_URL: 'http://couch-1:5984/harbor', ...redis })).toMatch(/no database, path or query/);
    expect(reason({ COUCHDB_URL: 'http://couch-1:5984', COUCHDB_DB_PREFIX: 'Harbor_', ...redis }))
      .toMatch(/^COUCHDB_DB_PREFIX must start with a lowercase letter/);
  });

  it('uses memory storage, a fixed secret, no demo and no built app', () => {
    const config = testConfig({ trustProxy: true });
    expect(config.storage).toEqual({ kind: 'memory' });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(16);
    expect(config.seedDemo).toBe(false);
    expect(config.trustProxy).toBe(true);
  });
});
