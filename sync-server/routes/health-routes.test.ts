/** `GET /api/health`: 200 while storage answers, 503 with the reason when it does not; no session needed. */
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

it('answers 200 while storage answers, and 503 with the reason when it fails', async () => {
  t = await createTestApp();
  const ok = await t.agent().get('/api/health');
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ status: 'ok', storage: t.storage.engine });
  expect(ok.headers['set-cookie']).toBeUndefined();
  t.storage.users.docCount = () => Promise.reject(new Error('the disk is gone'));
  const down = await t.agent().get('/api/health');
  expect(down.status).toBe(503);
  expect(down.body).toEqual({ error: 'unavailable', reason: 'storage: the disk is gone' });
});
