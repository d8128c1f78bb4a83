/** The wire: only the CouchDB subset RxDB calls is answered; everything else is JSON 401/404/405/400/413. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { couch, createDbWorld, pull, pushOk, type DbWorld } from './db-test-helpers';

let world: DbWorld;
beforeEach(async () => {
  world = await createDbWorld();
});
afterEach(async () => world.app.close());

describe('the /db wire', () => {
  it('answers 401 without a session on every path', async () => {
    const anonymous = request(world.app.app);
    for (const path of ['/db/tickets/_changes', '/db/tickets/_all_docs', '/db/messages/', '/db/nope/_changes']) {
      const res = await anonymous.get(path);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: 'unauthorized' });
    }
    expect((await anonymous.post('/db/tickets/_bulk_docs').send({ docs: [] })).status).toBe(401);
  });

  it('answers 404 for unknown databases and everything outside the subset', async () => {
    for (const path of ['/db/users/_changes', '/db/sessions/_all_docs', '/db/tickets/', '/db/tickets', '/db/', '/db/_all_dbs',
      '/db/tickets/some-doc-id', '/db/tickets/_local/checkpoint', '/db/tickets/_design/x']) {
      const res = await world.sam.http.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
    for (const path of ['/db/tickets/_bulk_get', '/db/tickets/_revs_diff', '/db/tickets/_find']) {
      expect((await world.sam.http.post(path).send({})).status, path).toBe(404);
    }
    expect((await world.sam.http.put('/db/tickets/').send({})).status).toBe(404);
  });

  it('answers 405 for a known endpoint with the wrong method', async () => {
    const cases = [
      world.sam.http.put('/db/tickets/_changes').send({}),
      world.sam.http.get('/db/tickets/_bulk_docs'),
      world.sam.http.delete('/db/tickets/_all_docs'),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(405);
      expect(res.body.error).toBe('method_not_allowed');
    }
  });

  it('answers 400 for malformed JSON and bad parameters, 413 for an oversized body, never a stack trace', async () => {
    const malformed = await world.ada.http.post('/db/tickets/_bulk_docs').set('content-type', 'application/json').send('{"docs": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'bad_request' });
    const huge = await world.ada.http.post('/db/messages/_bulk_docs').send({ docs: [{ _id: 'x', body: 'x'.repeat(9 * 1024 * 1024) }] });
    expect(huge.status).toBe(413);
    for (const query of ['feed=continuous', 'since=abc', 'limit=-1', 'include_docs=maybe']) {
      const res = await world.ada.http.get(`/db/tickets/_changes?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain('    at ');
    }
    expect((await world.ada.http.get('/db/tickets/_all_docs?keys=[not json')).status).toBe(400);
    expect((await world.ada.http.post('/db/tickets/_all_docs').send({ keys: [1, 2] })).status).toBe(400);
  });

  it('speaks the pull, push and conflict calls exactly as RxDB makes them', async () => {
    const ticket = aTicket(world.ada.user, { id: newId() });
    const rev = await pushOk(world.ada, 'tickets', { ...couch(ticket), _deleted: false });
    const page = await pull(world.ada, 'tickets', 0);
    expect(page.results).toEqual([
      { seq: page.last_seq, id: ticket.id, changes: [{ rev }], doc: expect.objectContaining({ _id: ticket.id, _rev: rev, number: 1 }) },
    ]);
    expect(page.last_seq).toBe(page.results[0]!.seq);
    const post = await world.ada.http.post('/db/tickets/_all_docs').send({ keys: [ticket.id, 'missing'], include_docs: true, deleted: 'ok' });
    expect(post.body.rows).toEqual([
      { id: ticket.id, key: ticket.id, value: { rev }, doc: expect.objectContaining({ _id: ticket.id }) },
      { key: 'missing', error: 'not_found' },
    ]);
    // RxDB's conflict fetch puts the JSON array into the query string without encoding it.
    const get = await world.ada.http.get(`/db/tickets/_all_docs?include_docs=true&keys=["${ticket.id}"]`);
    expect(get.status).toBe(200);
    expect(get.body.rows[0].doc._rev).toBe(rev);
  });

  it('pages with limit and continues from last_seq; since=now starts after everything stored', async () => {
    for (let i = 0; i < 3; i++) await pushOk(world.ada, 'tickets', couch(aTicket(world.ada.user, { id: newId() })));
    const first = await pull(world.ada, 'tickets', 0, '', 2);
    expect(first.results).toHaveLength(2);
    const rest = await pull(world.ada, 'tickets', first.last_seq);
    expect(rest.results).toHaveLength(1);
    const now = await pull(world.ada, 'tickets', 'now');
    expect(now).toEqual({ results: [], last_seq: rest.last_seq });
    expect((await pull(world.sam, 'tickets', 'now')).results).toEqual([]);
  });
});
