/** In cluster mode the write limit is one count in Redis: a user's documents written through two servers add up. */
import request from 'supertest';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { couch } from '../routes/db-test-helpers';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../test-support/test-app';
import { testStorageLocation } from '../test-support/test-storage';

let serverA: TestApp;
let serverB: TestApp;

beforeAll(async () => {
  const storage = testStorageLocation();
  if (storage.kind !== 'couchdb') throw new Error('this suite runs over CouchDB only');
  const limits = { redisUrl: inject('redisUrl'), writeLimitPerUser: 6, writeWindowMs: 60_000 };
  serverA = await createTestApp({ storage, ...limits });
  // The same databases and Redis keys, as a second server of the cluster; the first one drops them at the end.
  serverB = await createTestApp({ storage: { ...storage, dropOnClose: false }, ...limits });
});
afterAll(async () => {
  await serverB?.close();
  await serverA?.close();
});

it('refuses on server B once the user wrote their limit through server A', async () => {
  const ada = await addUser(serverA.storage, { role: 'customer', email: 'ada@example.com' });
  const signIn = await request(serverA.app).post('/api/session').send({ email: 'ada@example.com', password: TEST_PASSWORD });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  const push = (server: TestApp, count: number) =>
    request(server.app)
      .post('/db/tickets/_bulk_docs')
      .set('cookie', cookie)
      .send({ docs: Array.from({ length: count }, () => couch(aTicket(ada, { id: newId() }))) });

  expect((await push(serverA, 4)).status).toBe(201);
  expect((await push(serverB, 2)).status).toBe(201);
  const refused = await push(serverB, 1);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await push(serverA, 1)).status).toBe(429);
  expect(await serverB.storage.tickets.docCount()).toBe(6);
});
