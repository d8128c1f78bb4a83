/** The customers calls' answers as plain results: invitation times in either form, no network. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCustomers } from './customers-api';

afterEach(() => vi.unstubAllGlobals());

const answer = (status: number, body: unknown) => vi.stubGlobal('fetch', vi.fn(async () => Response.json(body, { status })));

describe('customers api', () => {
  it('no network reads as offline, never thrown', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await listCustomers('', 10)).toMatchObject({ ok: false, offline: true });
  });

  it('customers take invitation times as numbers or ISO strings', async () => {
    answer(200, { customers: [
      { id: 'a', name: 'A', email: 'a@x.test', hasPassword: false, invitation: { sentAt: 1, expiresAt: 2 } },
      { id: 'b', name: 'B', email: 'b@x.test', hasPassword: false, invitation: { sentAt: '1970-01-01T00:00:00.001Z', expiresAt: '1970-01-01T00:00:00.002Z' } },
    ], total: 7 });
    const result = await listCustomers('', 10);
    expect(result).toEqual({ ok: true, total: 7, customers: [
      { id: 'a', name: 'A', email: 'a@x.test', hasPassword: false, invitation: { sentAt: 1, expiresAt: 2 } },
      { id: 'b', name: 'B', email: 'b@x.test', hasPassword: false, invitation: { sentAt: 1, expiresAt: 2 } },
    ] });
  });
});
