/** Open feeds past a session's or a user's cap: the oldest is answered empty (a stream ended) at once, the newest kept. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedHubFor } from '../services/feed-hub';
import { signedInAgent, type TestAgent } from '../test-support/test-app';
import { createDbWorld, pull, type DbWorld } from './db-test-helpers';

let world: DbWorld;
afterEach(async () => {
  await world.app.close();
});

/** Longer than any test here: an answer before it is an ended feed, never a timeout. */
const NEVER_MS = 120_000;
const LONGPOLL = '/db/tickets/_changes?style=all_docs&feed=longpoll&include_docs=true&heartbeat=60000&limit=50&seq_interval=50&since=now';
const STREAM = '/db/tickets/_changes?feed=eventsource&since=now&heartbeat=60000';

const openCount = () => feedHubFor(world.app.storage)!.openCount();

/** Opens a feed as `http` and waits until the server holds it; resolves with its answer once it ends. */
async function open(http: TestAgent, path: string): Promise<{ answered: Promise<{ status: number; body: unknown; text: string }> }> {
  const before = openCount();
  // supertest sends on `then`, so start it now.
  const answered = http.get(path).then((res) => res);
  await vi.waitFor(() => expect(openCount()).toBe(before + 1));
  return { answered };
}

describe('feed caps', () => {
  it('answers a session’s oldest longpoll empty at once when it opens one past its cap, and keeps the newest', async () => {
    world = await createDbWorld(NEVER_MS, { feedLimitPerSession: 2, feedLimitPerUser: 10 });
    const first = await open(world.ada.http, LONGPOLL);
    await open(world.ada.http, LONGPOLL);
    void world.ada.http.get(LONGPOLL).then((res) => res);
    // Only the oldest can answer before the timeout; the two others stay held.
    const ended = await first.answered;
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ results: [], last_seq: (await pull(world.ada, 'tickets', 0)).last_seq });
    expect(openCount()).toBe(2);
  });

  it('answers a user’s oldest feed when another session of theirs opens one past the user’s cap', async () => {
    world = await createDbWorld(NEVER_MS, { feedLimitPerSession: 2, feedLimitPerUser: 3 });
    const laptop = await signedInAgent(world.app.app, 'ada@example.com');
    const phoneFirst = await open(world.ada.http, LONGPOLL);
    await open(world.ada.http, LONGPOLL);
    await open(world.grace.http, LONGPOLL);
    await open(laptop, LONGPOLL);
    void laptop.get(LONGPOLL).then((res) => res);
    expect((await phoneFirst.answered).body).toMatchObject({ results: [] });
    // Ada's second phone feed and both laptop feeds, and Grace's, whose own cap Ada's feeds never touch.
    expect(openCount()).toBe(4);
  });

  it('ends a session’s oldest event stream past its cap (EventSource reconnects on its own)', async () => {
    world = await createDbWorld(NEVER_MS, { feedLimitPerSession: 2, feedLimitPerUser: 2 });
    const first = await open(world.sam.http, STREAM);
    await open(world.sam.http, STREAM);
    void world.sam.http.get(LONGPOLL).then((res) => res);
    const ended = await first.answered;
    expect(ended.status).toBe(200);
    expect(ended.text).toBe(':ok\n\n');
    expect(openCount()).toBe(2);
  });
});
