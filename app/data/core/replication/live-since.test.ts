/**
 * RxDB's live pull asks for `since=now` again after a failed first longpoll; the late `now` must not become the
 * device's checkpoint past changes written meanwhile (seen in the fault suite as devices missing others' writes).
 */
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { onSignedIn } from '../../session';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchFetch } from './couch-fetch';
import { createSinceAnchor } from './live-since';
import { createDeviceHttp } from '../device-http';

const noteSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, body: { type: 'string' } },
  required: ['id', 'body'],
} as const;

/** A CouchDB `_changes` endpoint over an in-memory list; longpolls fail while `offline` is set. */
function fakeServer() {
  const changes: Array<{ seq: number; doc: { _id: string; _rev: string; body: string } }> = [];
  let wake: Array<() => void> = [];
  const server = {
    offline: true,
    longpollSinces: [] as string[],
    write(id: string): void {
      changes.push({ seq: changes.length + 1, doc: { _id: id, _rev: `1-${id}`, body: id } });
      for (const resolve of wake.splice(0)) resolve();
    },
    async fetch(input: RequestInfo | URL): Promise<Response> {
      const url = new URL(String(input));
      if (!url.pathname.endsWith('/_changes')) throw new Error(`unexpected ${url.pathname}`);
      const asked = url.searchParams.get('since')!;
      const limit = Number(url.searchParams.get('limit'));
      if (url.searchParams.get('feed') === 'longpoll') {
        if (server.offline) throw new TypeError('fetch failed');
        server.longpollSinces.push(asked);
      }
      const since = asked === 'now' ? changes.length : Number(asked);
      if (url.searchParams.get('feed') === 'longpoll') {
        while (changes.length <= since) await new Promise<void>((resolve) => wake.push(resolve));
      }
      const results = changes.filter((c) => c.seq > since).slice(0, limit);
      const lastSeq = results.length > 0 ? results[results.length - 1]!.seq : Math.max(since, changes.length);
      return Response.json({ results: results.map((c) => ({ seq: c.seq, id: c.doc._id, changes: [{ rev: c.doc._rev }], doc: c.doc })), last_seq: lastSeq });
    },
    stop(): void {
      server.offline = true;
      wake = [];
    },
  };
  return server;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let db: RxDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('live pull since', () => {
  it('keeps what others wrote while the first longpoll failed', async () => {
    const server = fakeServer();
    db = await createRxDatabase({ name: `live-since-${Date.now()}`, storage: getRxStorageMemory(), multiInstance: false });
    await db.addCollections({ notes: { schema: noteSchema } });
    const notes = db.collections.notes!;
    const replication = replicateCouchDB({
      replicationIdentifier: 'live-since',
      collection: notes,
      url: 'http://h/db/messages/',
      fetch: createCouchFetch({
        collection: 'messages',
        outbox: { needsResend: () => false, acknowledge: async () => undefined, refuse: async () => undefined },
        http: createDeviceHttp({ origin: 'http://h', fetch: (input) => server.fetch(input), onSignedIn }),
        signal: new AbortController().signal,
      }) as typeof fetch,
      live: true,
      waitForLeadership: false,
      retryTime: 10,
      pull: { batchSize: 10 },
    });
    try {
      await replication.awaitInitialReplication();
      // Another device writes while this one's longpoll cannot get through.
      server.write('written-meanwhile');
      server.offline = false;
      await until(async () => server.longpollSinces.length > 0, 'a longpoll to get through');
      server.write('written-after');
      await until(async () => (await notes.findOne('written-after').exec()) !== null, 'the live pull');
      replication.reSync();
      await replication.awaitInSync();
      const held = (await notes.find().exec()).map((doc) => doc.primary).sort();
      expect(held).toEqual(['written-after', 'written-meanwhile']);
      expect(server.longpollSinces[0]).toBe('0');
    } finally {
      server.stop();
      await replication.cancel();
    }
  });
});

describe('since anchor', () => {
  it('sends a since=now longpoll from the latest pull and leaves other requests alone', async () => {
    const anchor = createSinceAnchor();
    const longpoll = anchor.rewrite('http://h/db/messages/_changes?style=all_docs&feed=longpoll&since=now&limit=5');
    await anchor.rewrite('http://h/db/messages/_changes?feed=normal&since=12&limit=5');
    expect(await longpoll).toBe('http://h/db/messages/_changes?style=all_docs&feed=longpoll&since=12&limit=5');
    await anchor.rewrite('http://h/db/messages/_changes?feed=normal&since=30&limit=5');
    expect(await anchor.rewrite('http://h/db/messages/_changes?feed=longpoll&since=now')).toBe('http://h/db/messages/_changes?feed=longpoll&since=30');
    expect(await anchor.rewrite('http://h/db/messages/_changes?feed=longpoll&since=44')).toBe('http://h/db/messages/_changes?feed=longpoll&since=44');
    expect(await anchor.rewrite('http://h/db/messages/_bulk_docs?')).toBe('http://h/db/messages/_bulk_docs?');
  });

  it('gives up waiting for a pull when its signal aborts', async () => {
    const controller = new AbortController();
    const longpoll = createSinceAnchor().rewrite('http://h/db/tickets/_changes?feed=longpoll&since=now', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(longpoll).rejects.toThrow('stopped');
  });
});
