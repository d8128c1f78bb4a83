/** The replication fetch: refused rows become ok for RxDB and failed in the outbox; 401 waits for sign-in. */
import { describe, expect, it } from 'vitest';
import { createDeviceHttp } from '../device-http';
import { announceSignedIn, onSignedIn } from '../../session';
import { createCouchFetch } from './couch-fetch';
import type { OutboxView } from './outbox-store';

function setup(answers: Response[], current?: Set<string>, reachable: boolean[] = []) {
  const refused: [string, string][] = [];
  const acknowledged: string[] = [];
  const outbox: OutboxView = {
    needsResend: () => false,
    acknowledge: async (_c, ids) => void acknowledged.push(...ids),
    refuse: async (id, _c, reason) => void refused.push([id, reason]),
  };
  const signInStates: boolean[] = [];
  const calls: string[] = [];
  const http = createDeviceHttp({
    origin: 'http://h',
    onSignedIn,
    onNeedsSignIn: (needs) => void signInStates.push(needs),
    onReachable: (is) => void reachable.push(is),
    fetch: async (url) => {
      calls.push(String(url));
      return answers.shift()!;
    },
  });
  const couchFetch = createCouchFetch({
    collection: 'messages', outbox, http, signal: new AbortController().signal,
    ...(current ? { stillCurrent: async () => current } : {}),
  });
  return { couchFetch, refused, acknowledged, signInStates, calls };
}

describe('couch fetch', () => {
  it('hands RxDB a refused row as ok and records it as failed with the reason', async () => {
    const { couchFetch, refused, acknowledged } = setup([Response.json([
      { id: 'a', ok: true, rev: '1-x' },
      { id: 'b', error: 'forbidden', reason: 'internal notes are written by agents' },
      { id: 'c', error: 'conflict', reason: 'Document update conflict.' },
    ])]);
    const answer = await (await couchFetch('http://h/db/messages/_bulk_docs?', { method: 'POST', body: '{}' })).json();
    expect(answer).toEqual([
      { id: 'a', ok: true, rev: '1-x' },
      { id: 'b', ok: true, rev: '0-refused' },
      { id: 'c', error: 'conflict', reason: 'Document update conflict.' },
    ]);
    expect(refused).toEqual([['b', 'internal notes are written by agents']]);
    expect(acknowledged).toEqual(['a']);
  });

  it('leaves a document changed since it was sent pending', async () => {
    const { couchFetch, acknowledged } = setup(
      [Response.json([{ id: 'a', ok: true, rev: '2-x' }, { id: 'b', ok: true, rev: '2-y' }])],
      new Set(['b']),
    );
    await couchFetch('http://h/db/tickets/_bulk_docs?', { method: 'POST', body: '{"docs":[]}' });
    expect(acknowledged).toEqual(['b']);
  });

  it('holds a request after a 401 until the user signs in, then sends it again', async () => {
    const { couchFetch, signInStates, calls } = setup([
      Response.json({ error: 'unauthorized' }, { status: 401 }),
      Response.json({ results: [], last_seq: '0' }),
    ]);
    const pending = couchFetch('http://h/db/messages/_changes?feed=normal');
    await expect.poll(() => signInStates).toEqual([true]);
    announceSignedIn();
    expect(await (await pending).json()).toEqual({ results: [], last_seq: '0' });
    expect(signInStates).toEqual([true, false]);
    expect(calls).toHaveLength(2);
  });

  it('throws an error answer instead of handing RxDB a body without results, and a 502 is not reachable', async () => {
    const reachable: boolean[] = [];
    const { couchFetch } = setup([
      Response.json({ error: 'bad_gateway', reason: 'no sync server answered' }, { status: 502 }),
      Response.json({ error: 'storage_unavailable' }, { status: 503 }),
      Response.json({ error: 'bad_request', reason: 'since is not a sequence' }, { status: 400 }),
    ], undefined, reachable);
    await expect(couchFetch('http://h/db/messages/_changes?feed=longpoll&since=1')).rejects.toThrow('answered 502 to /db/messages/_changes');
    await expect(couchFetch('http://h/db/messages/_bulk_docs?', { method: 'POST', body: '{}' })).rejects.toThrow('answered 503');
    await expect(couchFetch('http://h/db/messages/_changes?feed=normal')).rejects.toThrow('answered 400');
    expect(reachable).toEqual([false, false, true]);
  });

  it('throws a 429 (the server’s write limit) so RxDB sends the batch again: nothing failed, nothing acknowledged', async () => {
    const reachable: boolean[] = [];
    const { couchFetch, refused, acknowledged } = setup([
      Response.json({ error: 'too_many_requests', reason: 'Too many writes' }, { status: 429, headers: { 'retry-after': '20' } }),
    ], undefined, reachable);
    const body = JSON.stringify({ docs: [{ _id: 'a' }, { _id: 'b' }] });
    await expect(couchFetch('http://h/db/messages/_bulk_docs?', { method: 'POST', body })).rejects.toThrow('answered 429');
    expect(refused).toEqual([]);
    expect(acknowledged).toEqual([]);
    expect(reachable).toEqual([true]);
  });
});
