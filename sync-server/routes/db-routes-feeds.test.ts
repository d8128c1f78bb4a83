/** Longpoll and event-stream feeds: they answer on the caller's changes, end on timeout, abort and shutdown, and leave no listener. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { feedHubFor } from '../services/feed-hub';
import { TEST_PASSWORD } from '../test-support/test-app';
import { couch, createDbWorld, pull, pushOk, type DbWorld, type Person } from './db-test-helpers';

let world: DbWorld;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
  await world.app.close();
});

const LONGPOLL = '/db/tickets/_changes?style=all_docs&feed=longpoll&include_docs=true&heartbeat=60000&limit=50&seq_interval=50';

function hub() {
  return feedHubFor(world.app.storage)!;
}

function expectNoFeedLeft(): Promise<void> {
  return vi.waitFor(() => {
    expect(hub().openCount()).toBe(0);
    expect(hub().indexListenerCount()).toBe(0);
  });
}

function newTicket(person: Person) {
  return couch(aTicket(person.user, { id: newId() }));
}

/** Listens on 127.0.0.1:0 and signs `email` in over HTTP; returns the base URL and the session cookie. */
async function listen(email: string): Promise<{ baseUrl: string; cookie: string }> {
  server = await new Promise<Server>((resolve) => {
    const listening = world.app.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return { baseUrl, cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

describe('feed=longpoll', () => {
  it('ends after the timeout with no results and the last seq, leaving no listener', async () => {
    world = await createDbWorld(300);
    await pushOk(world.ada, 'tickets', newTicket(world.ada));
    const res = await world.ada.http.get(`${LONGPOLL}&since=now`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [], last_seq: (await pull(world.ada, 'tickets', 0)).last_seq });
    await expectNoFeedLeft();
  });

  it('answers as soon as one of the caller’s documents changes, and not for another customer’s', async () => {
    world = await createDbWorld(5_000);
    const waiting = world.ada.http.get(`${LONGPOLL}&since=now`).then((res) => res.body);
    await vi.waitFor(() => expect(hub().openCount()).toBe(1));
    await pushOk(world.grace, 'tickets', newTicket(world.grace));
    const mine = newTicket(world.ada);
    await pushOk(world.ada, 'tickets', mine);
    const body = await waiting;
    expect(body.results.map((row: { id: string }) => row.id)).toEqual([mine._id]);
    expect(body.last_seq).toBe(body.results[0].seq);
    expect((await pull(world.ada, 'tickets', body.last_seq)).results).toEqual([]);
    await expectNoFeedLeft();
  });

  it('wakes an agent for any customer’s change', async () => {
    world = await createDbWorld(5_000);
    const waiting = world.sam.http.get(`${LONGPOLL}&since=now`).then((res) => res.body);
    await vi.waitFor(() => expect(hub().openCount()).toBe(1));
    const theirs = newTicket(world.grace);
    await pushOk(world.grace, 'tickets', theirs);
    expect((await waiting).results[0].id).toBe(theirs._id);
  });

  it('ends at once when the client goes away, leaving no listener', async () => {
    world = await createDbWorld(20_000);
    const { baseUrl, cookie } = await listen('ada@example.com');
    const controller = new AbortController();
    const pending = fetch(`${baseUrl}${LONGPOLL}&since=now`, { headers: { cookie }, signal: controller.signal });
    await vi.waitFor(() => expect(hub().openCount()).toBe(1));
    expect(hub().indexListenerCount()).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expectNoFeedLeft();
  });

  it('answers open longpolls empty when the server shuts down', async () => {
    world = await createDbWorld(20_000);
    // supertest sends on `then`, so start it now.
    const waiting = world.ada.http.get(`${LONGPOLL}&since=0`).then((res) => res);
    await vi.waitFor(() => expect(hub().openCount()).toBe(1));
    await world.app.close();
    const res = await waiting;
    expect(res.status).toBe(200);
    // Empty, at the position it was asked from: the start (plain 0, or `{epoch}-0` of a Redis index).
    expect(res.body.results).toEqual([]);
    expect(String(res.body.last_seq)).toMatch(/^([a-z0-9]+-)?0$/);
  });
});

describe('feed=eventsource', () => {
  it('is refused to customers', async () => {
    world = await createDbWorld();
    const res = await world.ada.http.get('/db/tickets/_changes?feed=eventsource');
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
  });

  it('streams one event per change to agents from Last-Event-ID, with heartbeats, and ends with the client', async () => {
    world = await createDbWorld();
    const tickets = [newTicket(world.ada), newTicket(world.grace)];
    await pushOk(world.ada, 'tickets', tickets[0]!);
    await pushOk(world.grace, 'tickets', tickets[1]!);
    // The first change of the feed (on a CouchDB cluster, not necessarily the first written) and the token after it.
    const head = await pull(world.sam, 'tickets', 0, '', 1);
    const afterFirst = head.last_seq;
    const first = tickets.find((ticket) => ticket._id === head.results[0]!.id)!;
    const second = tickets.find((ticket) => ticket !== first)!;
    const { baseUrl, cookie } = await listen('sam@example.com');
    const controller = new AbortController();
    const res = await fetch(`${baseUrl}/db/tickets/_changes?feed=eventsource&include_docs=true&heartbeat=100`, {
      headers: { cookie, 'last-event-id': String(afterFirst) },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const third = newTicket(world.ada);
    let pushedThird = false;
    while (!(text.includes(`"id":"${third._id}"`) && text.includes(':\n\n'))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      if (!pushedThird && text.includes(second._id as string)) {
        pushedThird = true;
        await pushOk(world.ada, 'tickets', third);
      }
    }
    const events = text.split('\n\n').filter((block) => block.startsWith('id: '));
    expect(events.map((block) => JSON.parse(block.split('\ndata: ')[1]!).id)).toEqual([second._id, third._id]);
    // An event's id is the position after it: resuming from the second's gives the third alone.
    const secondId = /^id: (\S+)\n/.exec(events[0]!)![1]!;
    expect((await pull(world.sam, 'tickets', secondId)).results.map((row) => row.id)).toEqual([third._id]);
    expect(text).not.toContain(first._id as string);
    controller.abort();
    await expectNoFeedLeft();
  });
});
