/**
 * Over CouchDB (here pouchdb-server behind the opaque-seq proxy, whose feeds rewind now and then): a customer
 * gets each change once and an agent never misses one; tokens from elsewhere start over, unreadable ones are 400.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { couch, createDbWorld, idsOf, pull, pushOk, type DbWorld } from '../routes/db-test-helpers';
import { REWINDS_PATH } from '../test-support/opaque-seq-proxy';
import { rewindingCouchUrl, testStorageLocation } from '../test-support/test-storage';

let world: DbWorld | undefined;
afterEach(async () => {
  await world?.app.close();
  world = undefined;
});

async function rewindsSoFar(): Promise<number | null> {
  const url = new URL(REWINDS_PATH, rewindingCouchUrl());
  if (url.username) return null; // a real CouchDB (with credentials): it has no such counter
  const res = await fetch(url);
  return res.ok ? ((await res.json()) as { rewinds: number }).rewinds : null;
}

describe('feeds over CouchDB', () => {
  it('gives a customer each change once and an agent every change, while the store’s feed rewinds', async () => {
    world = await createDbWorld(300, { storage: testStorageLocation(rewindingCouchUrl()) });
    const before = await rewindsSoFar();
    const pushed: string[] = [];
    const adaSeen: string[] = [];
    const samSeen = new Set<string>();
    let adaSince: number | string = 0;
    let samSince: number | string = 0;
    for (let i = 0; i < 15; i++) {
      const ticket = couch(aTicket(world.ada.user, { id: newId() }));
      await pushOk(world.ada, 'tickets', ticket);
      pushed.push(ticket._id as string);
      const ada = await pull(world.ada, 'tickets', adaSince);
      adaSeen.push(...idsOf(ada));
      adaSince = ada.last_seq;
      const sam = await pull(world.sam, 'tickets', samSince);
      for (const id of idsOf(sam)) samSeen.add(id);
      samSince = sam.last_seq;
      expect(String(samSince)).toMatch(/^a\./);
    }
    expect(adaSeen).toEqual(pushed);
    expect([...samSeen].sort()).toEqual([...pushed].sort());
    // Against pouchdb-server the proxy counts its rewinds (a real CouchDB rewinds only after a node failure).
    if (before !== null) expect((await rewindsSoFar())!).toBeGreaterThan(before);
  });

  it('starts a device over for a token from elsewhere and refuses an unreadable one', async () => {
    world = await createDbWorld();
    const ticket = couch(aTicket(world.ada.user, { id: newId() }));
    await pushOk(world.ada, 'tickets', ticket);
    // An embedded server's agent token, a position past the index's end, another role's token: from the start.
    expect(idsOf(await pull(world.sam, 'tickets', 5))).toEqual([ticket._id]);
    expect(idsOf(await pull(world.ada, 'tickets', 987_654))).toEqual([ticket._id]);
    const samToken = (await pull(world.sam, 'tickets', 0)).last_seq;
    expect(idsOf(await pull(world.ada, 'tickets', samToken))).toEqual([ticket._id]);
    const refused = await world.sam.http.get('/db/tickets/_changes?since=' + encodeURIComponent('a.not a seq!'));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'bad_request' });
  });
});
