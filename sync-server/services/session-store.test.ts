/** Sessions kept in the database: they survive a restart, expired ones are removed when read. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionData } from 'express-session';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { addUser, TEST_PASSWORD } from '../test-support/test-app';
import { PouchSessionStore } from './session-store';
import { openStorage } from './storage';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-sessions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const silent = createLogger({ silent: true });

function call<T>(fn: (cb: (err: unknown, value?: T | null) => void) => void): Promise<T | null | undefined> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

describe('PouchSessionStore', () => {
  it('keeps a signed-in session across a server restart (LevelDB on disk)', async () => {
    const config = testConfig({ storage: { kind: 'leveldb', dataDir: path.join(tmp, 'restart') } });
    const first = await createApp(config, { logger: silent });
    const user = await addUser(first.storage, { role: 'customer', email: 'ada@example.com' });
    const signIn = await request(first.app).post('/api/session').send({ email: 'ada@example.com', password: TEST_PASSWORD });
    const cookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? [])[0]?.split(';')[0];
    expect(cookie).toMatch(/^harbor\.sid=/);
    await first.close();

    // A new app over the same data directory, as after a server restart.
    const second = await createApp(config, { logger: silent });
    try {
      const res = await request(second.app).get('/api/session').set('Cookie', cookie!);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ user });
    } finally {
      await second.close();
    }
  });

  it('removes an expired session when it is read', async () => {
    const storage = await openStorage({ kind: 'memory' });
    try {
      const store = new PouchSessionStore(storage.sessions);
      const expired = { cookie: { originalMaxAge: 1000, expires: new Date(Date.now() - 1000) } } as unknown as SessionData;
      await call((cb) => store.set('old', expired, cb));
      expect(await storage.sessions.docCount()).toBe(1);
      expect(await call((cb) => store.get('old', cb))).toBeNull();
      expect(await storage.sessions.docCount()).toBe(0);
    } finally {
      await storage.close();
    }
  });

  it('writes, touches and destroys one session, also under concurrent writes', async () => {
    const storage = await openStorage({ kind: 'memory' });
    try {
      const store = new PouchSessionStore(storage.sessions);
      const data = (n: number) =>
        ({ cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, n }) as unknown as SessionData;
      await Promise.all([1, 2, 3, 4, 5].map((n) => call((cb) => store.set('sid', data(n), cb))));
      expect(await call<SessionData>((cb) => store.get('sid', cb))).toMatchObject({ n: 5 });
      const later = { cookie: { originalMaxAge: 1e9, expires: new Date(Date.now() + 1e9) } } as unknown as SessionData;
      await call((cb) => store.touch('sid', later, () => cb(null)));
      const stored = (await storage.sessions.get('session:sid')) as unknown as { expiresAt: number };
      expect(stored.expiresAt).toBeGreaterThan(Date.now() + 1e8);
      await call((cb) => store.destroy('sid', cb));
      expect(await call((cb) => store.get('sid', cb))).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it('touches a session it read lately without reading it again, and one it does not know with a read', async () => {
    const storage = await openStorage({ kind: 'memory' });
    try {
      const expiring = (ms: number) => ({ cookie: { originalMaxAge: ms, expires: new Date(Date.now() + ms) } }) as unknown as SessionData;
      await call((cb) => new PouchSessionStore(storage.sessions).set('sid', expiring(60_000), cb));
      let reads = 0;
      const counted = { ...storage.sessions, get: (...args: Parameters<typeof storage.sessions.get>) => (reads++, storage.sessions.get(...args)) };
      const store = new PouchSessionStore(counted);
      await call((cb) => store.get('sid', cb));
      expect(reads).toBe(1);
      await call((cb) => store.touch('sid', expiring(120_000), () => cb(null))); // within the hour: nothing to write
      expect(reads).toBe(1);
      await call((cb) => store.touch('sid', expiring(1e9), () => cb(null))); // far later: read and written
      expect(reads).toBe(2);
      expect(((await storage.sessions.get('session:sid')) as unknown as { expiresAt: number }).expiresAt).toBeGreaterThan(Date.now() + 1e8);
      // Another process's store knows nothing yet: its touch reads first.
      const other = new PouchSessionStore(counted);
      await call((cb) => other.touch('sid', expiring(1e9 + 5_000), () => cb(null)));
      expect(reads).toBe(3);
    } finally {
      await storage.close();
    }
  });

  it('keeps sessions whose id starts with an underscore (PouchDB refuses such document ids)', async () => {
    const storage = await openStorage({ kind: 'memory' });
    try {
      const store = new PouchSessionStore(storage.sessions);
      const data = { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, n: 1 } as unknown as SessionData;
      for (const sid of ['_leading', '-dash', '__x']) {
        await call((cb) => store.set(sid, data, cb));
        expect(await call<SessionData>((cb) => store.get(sid, cb)), sid).toMatchObject({ n: 1 });
        await call((cb) => store.destroy(sid, cb));
        expect(await call((cb) => store.get(sid, cb)), sid).toBeNull();
      }
    } finally {
      await storage.close();
    }
  });
});
