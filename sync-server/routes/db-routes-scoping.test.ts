/** Who sees what: a customer's reads hold only their own non-internal documents, on every read path. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { couch, createDbWorld, idsOf, pull, pushOk, type DbWorld } from './db-test-helpers';

let world: DbWorld;
let adaTicket: TicketDoc;
let graceTicket: TicketDoc;
let note: string;
let reply: string;

beforeEach(async () => {
  world = await createDbWorld();
  adaTicket = aTicket(world.ada.user, { id: newId() });
  graceTicket = aTicket(world.grace.user, { id: newId() });
  await pushOk(world.ada, 'tickets', couch(adaTicket));
  await pushOk(world.grace, 'tickets', couch(graceTicket));
  reply = newId();
  note = newId();
  await pushOk(world.sam, 'messages', couch(aMessage(adaTicket, world.sam.user, { id: reply, body: 'We are on it.' })));
  await pushOk(world.sam, 'messages', couch(aMessage(adaTicket, world.sam.user, { id: note, visibility: 'internal', body: 'Refund?' })));
});
afterEach(async () => world.app.close());

describe('scoping', () => {
  it('gives each customer their own tickets in _changes, and the agent all of them', async () => {
    expect(idsOf(await pull(world.ada, 'tickets'))).toEqual([adaTicket.id]);
    expect(idsOf(await pull(world.grace, 'tickets'))).toEqual([graceTicket.id]);
    expect(idsOf(await pull(world.sam, 'tickets')).sort()).toEqual([adaTicket.id, graceTicket.id].sort());
  });

  it('never shows an internal note to the customer, in _changes or _all_docs', async () => {
    expect(idsOf(await pull(world.ada, 'messages'))).toEqual([reply]);
    const post = await world.ada.http.post('/db/messages/_all_docs').send({ keys: [note, reply], include_docs: true });
    expect(post.body.rows).toEqual([{ key: note, error: 'not_found' }, expect.objectContaining({ id: reply })]);
    const get = await world.ada.http.get(`/db/messages/_all_docs?include_docs=true&keys=["${note}"]`);
    expect(get.body.rows).toEqual([{ key: note, error: 'not_found' }]);
    expect(idsOf(await pull(world.sam, 'messages')).sort()).toEqual([note, reply].sort());
  });

  it('answers another customer’s id in _all_docs keys exactly like a missing one', async () => {
    const res = await world.grace.http
      .post('/db/tickets/_all_docs')
      .send({ keys: [adaTicket.id, 'no-such-id', graceTicket.id], include_docs: true, deleted: 'ok' });
    expect(res.status).toBe(200);
    expect(res.body.rows.slice(0, 2)).toEqual([{ key: adaTicket.id, error: 'not_found' }, { key: 'no-such-id', error: 'not_found' }]);
    expect(res.body.rows[2]).toMatchObject({ id: graceTicket.id, doc: { customerId: world.grace.user.id } });
    expect(JSON.stringify(res.body)).not.toContain(world.ada.user.id);
  });

  it('ignores a client-sent filter or selector: 200 with the caller’s own documents', async () => {
    const selector = encodeURIComponent(JSON.stringify({ customerId: world.ada.user.id }));
    for (const extra of [`&filter=_selector&selector=${selector}`, '&filter=_doc_ids&doc_ids=["x"]', '&filter=_view&view=all/all']) {
      expect(idsOf(await pull(world.grace, 'tickets', 0, extra))).toEqual([graceTicket.id]);
    }
    const posted = await world.grace.http
      .post('/db/tickets/_changes?filter=_selector&include_docs=true')
      .send({ selector: { customerId: world.ada.user.id } });
    expect(posted.status).toBe(200);
    expect(posted.body.results.map((row: { id: string }) => row.id)).toEqual([graceTicket.id]);
  });

  it('keeps other customers’ changes out of a pull that continues from last_seq', async () => {
    const before = await pull(world.ada, 'tickets');
    await pushOk(world.grace, 'tickets', couch(aTicket(world.grace.user, { id: newId() })));
    const after = await pull(world.ada, 'tickets', before.last_seq);
    expect(after.results).toEqual([]);
    // The embedded index moves past them (one sequence for all); the Redis index counts Ada's own changes only.
    if (world.app.storage.engine === 'embedded') expect(Number(after.last_seq)).toBeGreaterThan(Number(before.last_seq));
    else expect(after.last_seq).toBe(before.last_seq);
  });
});
