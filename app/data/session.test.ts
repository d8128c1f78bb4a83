/** Sign-in outcomes in words, the user kept on the device, and the signal following it. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { ada, grace } from '../model/fixtures';
import { createDraft } from './bridge/drafts';
import { createStoredUser, setStoredUser, signIn, storedUser } from './session';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', vi.fn(async () => Response.json(body, { status })));
}

describe('signIn', () => {
  it('keeps the user on the device', async () => {
    answer(200, { user: ada });
    expect(await signIn('ada@example.com', 'pw')).toEqual({ ok: true, user: ada });
    expect(storedUser()).toEqual(ada);
  });

  it('tells wrong credentials, no network and a server error apart', async () => {
    answer(401, { error: 'unauthorized', reason: 'The email or password is not right.' });
    expect(await signIn('ada@example.com', 'wrong')).toMatchObject({ ok: false, kind: 'credentials' });
    answer(500, { error: 'internal', reason: 'Something broke.' });
    expect(await signIn('ada@example.com', 'pw')).toMatchObject({ ok: false, kind: 'server', message: 'Something broke.' });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await signIn('ada@example.com', 'pw')).toMatchObject({ ok: false, kind: 'network' });
    expect(storedUser()).toBeNull();
  });

  it('forgets the previous user’s drafts when another user signs in', async () => {
    setStoredUser(ada);
    createDraft('new-request:subject').set('Printer');
    answer(200, { user: grace });
    await signIn('grace@example.com', 'pw');
    expect(createDraft('new-request:subject').value()).toBe('');
  });
});

describe('createStoredUser', () => {
  it('follows sign-in and sign-out', () => {
    createRoot((dispose) => {
      const user = createStoredUser();
      expect(user()).toBeNull();
      setStoredUser(ada);
      expect(user()).toEqual(ada);
      setStoredUser(null);
      expect(user()).toBeNull();
      dispose();
    });
  });
});
