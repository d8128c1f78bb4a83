/** The device's HTTP client: a 401 anywhere asks to sign in, held requests go again after sign-in, the network is reported. */
import { describe, expect, it } from 'vitest';
import { createDeviceHttp } from './device-http';
import { announceSignedIn, onSignedIn, SIGNED_IN_AT_KEY } from '../session';

function setup(answers: Array<Response | Error>) {
  const needsSignIn: boolean[] = [];
  const reachable: boolean[] = [];
  const calls: string[] = [];
  const http = createDeviceHttp({
    origin: 'http://h',
    onSignedIn,
    onNeedsSignIn: (needs) => void needsSignIn.push(needs),
    onReachable: (is) => void reachable.push(is),
    fetch: async (url, init) => {
      calls.push(`${init?.method ?? 'GET'} ${String(url)} ${init?.credentials}`);
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { http, needsSignIn, reachable, calls };
}

describe('device http', () => {
  it('sends with the session cookie to the portal origin, and a 401 on any request asks to sign in until the user does', async () => {
    const { http, needsSignIn, calls } = setup([Response.json({ error: 'unauthorized' }, { status: 401 })]);
    expect((await http.send('/api/agents')).status).toBe(401);
    expect(calls).toEqual(['GET http://h/api/agents include']);
    expect(needsSignIn).toEqual([true]);
    expect(http.gate.needsSignIn()).toBe(true);
    announceSignedIn();
    expect(needsSignIn).toEqual([true, false]);
    http.dispose();
  });

  it('holds a request after a 401 and sends it again once the user signs in in another tab', async () => {
    const { http, calls } = setup([Response.json({}, { status: 401 }), Response.json({ ok: true })]);
    const held = http.sendHeld('http://h/db/messages/_bulk_docs', { method: 'POST' });
    await expect.poll(() => http.gate.needsSignIn()).toBe(true);
    window.dispatchEvent(new StorageEvent('storage', { key: SIGNED_IN_AT_KEY, newValue: String(Date.now()) }));
    expect(await (await held).json()).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    http.dispose();
  });

  it('lets a held request go when its signal aborts (a stopped replication) and when the client is disposed', async () => {
    const { http } = setup([Response.json({}, { status: 401 }), Response.json({}, { status: 401 })]);
    const aborter = new AbortController();
    const held = http.sendHeld('/db/tickets/_changes', { signal: aborter.signal });
    await expect.poll(() => http.gate.needsSignIn()).toBe(true);
    aborter.abort(new Error('stopped'));
    await expect(held).rejects.toThrow('stopped');
    const another = http.sendHeld('/db/tickets/_changes');
    http.dispose();
    await expect(another).rejects.toThrow('Replication has stopped.');
  });

  it('reports the network: a failed request and a gateway without a server are unreachable, any other answer reachable', async () => {
    const { http, reachable } = setup([new TypeError('Failed to fetch'), Response.json({}, { status: 502 }), Response.json({}, { status: 404 })]);
    await expect(http.send('/api/agents')).rejects.toThrow('Failed to fetch');
    expect((await http.send('/api/agents')).status).toBe(502);
    expect((await http.send('/api/agents')).status).toBe(404);
    expect(reachable).toEqual([false, false, true]);
    http.dispose();
  });
});
