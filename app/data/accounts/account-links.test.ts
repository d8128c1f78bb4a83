/** The link calls' answers as plain results: tokens from the fragment, a 410 of an unknown kind, no network. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storedUser } from '../session';
import { requestPasswordReset, setPasswordWithLink, tokenFromHash } from './account-links';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

const answer = (status: number, body: unknown) => vi.stubGlobal('fetch', vi.fn(async () => Response.json(body, { status })));
const noNetwork = () => vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));

describe('account links', () => {
  it('reads the token of a #token= fragment, and nothing from an empty one', () => {
    expect(tokenFromHash('#token=a%2Bb')).toBe('a+b');
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('a 410 of a kind it does not know reads as an invalid link, in its own words when the server gives none', async () => {
    answer(410, { error: 'something_new' });
    expect(await setPasswordWithLink('reset', 't', 'a-good-password'))
      .toEqual({ ok: false, kind: 'link_invalid', message: 'This link is not valid.' });
  });

  it('an answer without a user signs nobody in', async () => {
    answer(200, { ok: true });
    expect(await setPasswordWithLink('invitation', 't', 'a-good-password')).toMatchObject({ ok: false, kind: 'other' });
    expect(storedUser()).toBeNull();
  });

  it('no network is told in words, never thrown', async () => {
    noNetwork();
    expect(await requestPasswordReset('ann@example.com')).toEqual({ ok: false, message: expect.stringMatching(/No connection/) });
    expect(await setPasswordWithLink('reset', 't', 'a-good-password')).toMatchObject({ ok: false, kind: 'other' });
  });
});
