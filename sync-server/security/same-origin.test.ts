/** Cross-site refusal: writes to /api and /db are refused when Origin or Sec-Fetch-Site shows another site. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { SessionUser } from '../session-user';
import { couch } from '../routes/db-test-helpers';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestAgent } from '../test-support/test-app';

let t: TestApp;
let customer: TestAgent;
beforeEach(async () => {
  t = await createTestApp({ publicUrl: 'https://support.example.com', devOrigins: ['http://localhost:5173'] });
  ({ agent: customer, user: adaUser } = await t.signIn({ role: 'customer', email: 'ada@example.com' }));
});
afterEach(async () => {
  await t.close();
});

let adaUser: SessionUser;
const ticket = () => ({ docs: [couch(aTicket(adaUser, { id: newId() }))] });
const CHANGES = '/db/tickets/_changes?feed=normal&include_docs=true&since=0';

describe('cross-site refusal', () => {
  it.each([
    ['Origin of another site', { Origin: 'https://evil.example' }],
    ['Origin "null" (sandboxed frame)', { Origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['an allowed Origin but Sec-Fetch-Site cross-site', { Origin: 'https://support.example.com', 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses writes with %s', async (_name, headers) => {
    const push = await customer.post('/db/tickets/_bulk_docs').set(headers).send(ticket());
    expect(push.status).toBe(403);
    expect(push.body).toEqual({ error: 'forbidden', reason: expect.any(String) });
    const signOut = await customer.delete('/api/session').set(headers);
    expect(signOut.status).toBe(403);
    const signIn = await t.agent().post('/api/session').set(headers).send({ email: 'ada@example.com', password: TEST_PASSWORD });
    expect(signIn.status).toBe(403);
    // Nothing was written and the session still stands.
    expect((await customer.get(CHANGES)).body.results).toEqual([]);
    expect((await customer.get('/api/session')).status).toBe(200);
  });

  it.each([
    ['PUBLIC_URL', { Origin: 'https://support.example.com', 'Sec-Fetch-Site': 'same-origin' }],
    ['the dev server', { Origin: 'http://localhost:5173', 'Sec-Fetch-Site': 'same-origin' }],
    ['neither header (not a browser)', {}],
    ['Sec-Fetch-Site same-origin alone', { 'Sec-Fetch-Site': 'same-origin' }],
  ])('allows writes from %s', async (_name, headers) => {
    const push = await customer.post('/db/tickets/_bulk_docs').set(headers).send(ticket());
    expect(push.status).toBe(201);
    expect(push.body[0]).toMatchObject({ ok: true });
  });

  it('allows the origin the request was addressed to (a server on another port than PUBLIC_URL says)', async () => {
    const res = customer.post('/db/tickets/_bulk_docs');
    const push = await res.set('Host', 'portal.internal:8443').set('Origin', 'http://portal.internal:8443').send(ticket());
    expect(push.status).toBe(201);
    expect(push.body[0]).toMatchObject({ ok: true });
  });

  it('lets reads through whatever the headers say (the session alone decides)', async () => {
    const res = await customer.get(CHANGES).set({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(200);
  });

  it('still judges header-less writes by the session', async () => {
    const res = await t.agent().post('/db/tickets/_bulk_docs').send(ticket());
    expect(res.status).toBe(401);
  });
});
