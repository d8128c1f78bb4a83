/** A user's sessions can be found and ended (as a new password does), in either engine; signing out leaves no marker behind. */
import { afterEach, expect, it } from 'vitest';
import { endSessionsOf } from '../services/session-store';
import { createTestApp, signedInAgent, type TestApp } from '../test-support/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function markersOf(a: TestApp, userId: string): Promise<number> {
  const prefix = `user-session:${userId}:`;
  return (await a.storage.sessions.allDocs({ startkey: prefix, endkey: `${prefix}\uffff` })).length;
}

it("ends every session of one user and nobody else's", async () => {
  const a = (t = await createTestApp());
  const { user: ada, agent: phone } = await a.signIn({ role: 'customer', email: 'ada@example.com' });
  const laptop = await signedInAgent(a.app, 'ada@example.com');
  const { user: grace, agent: graces } = await a.signIn({ role: 'customer', email: 'grace@example.com' });
  expect(await markersOf(a, ada.id)).toBe(2);

  expect(await endSessionsOf(a.storage.sessions, ada.id)).toBe(2);
  expect((await phone.get('/api/session')).status).toBe(401);
  expect((await laptop.get('/api/session')).status).toBe(401);
  expect((await graces.get('/api/session')).status).toBe(200);
  expect(await markersOf(a, ada.id)).toBe(0);

  expect((await graces.delete('/api/session')).status).toBe(204);
  expect(await markersOf(a, grace.id)).toBe(0);
});
