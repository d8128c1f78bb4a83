/** `GET /api/agents`: agents get every agent's id and name; customers 403, signed out 401. */
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, type TestApp } from '../test-support/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('GET /api/agents', () => {
  it('lists every agent by name, without emails or customers', async () => {
    t = await createTestApp();
    const { user: sam, agent } = await t.signIn({ role: 'agent', email: 'sam@example.com', name: 'Sam Rivera' });
    const alex = await addUser(t.storage, { role: 'agent', email: 'alex@example.com', name: 'Alex Kim' });
    await addUser(t.storage, { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace' });
    const res = await agent.get('/api/agents');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ agents: [{ id: alex.id, name: 'Alex Kim' }, { id: sam.id, name: 'Sam Rivera' }] });
  });

  it('refuses customers with 403 and signed-out callers with 401', async () => {
    t = await createTestApp();
    const { agent: customer } = await t.signIn({ role: 'customer', email: 'ada@example.com' });
    const refused = await customer.get('/api/agents');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden' });
    const anonymous = await t.agent().get('/api/agents');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: 'unauthorized' });
  });
});
