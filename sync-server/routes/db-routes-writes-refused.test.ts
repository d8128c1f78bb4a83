/** Writes no one may make: deletions, attachments, unknown fields, new_edits: false, malformed batches; nothing is stored. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { couch, createAdaTicket, createDbWorld, pull, push, type DbWorld } from './db-test-helpers';

let world: DbWorld;
beforeEach(async () => {
  world = await createDbWorld();
});
afterEach(async () => world.app.close());

describe('what no one may send', () => {
  it('refuses deletions, attachments, unknown fields and CouchDB fields it does not know, per document', async () => {
    const { ticket, rev } = await createAdaTicket(world);
    const rows = await push(world.sam, 'tickets', [
      { ...couch(ticket, rev), _deleted: true },
      { ...couch(aTicket(world.ada.user, { id: newId() })), _attachments: { 'a.txt': { data: 'eA==' } } },
      { ...couch(aTicket(world.ada.user, { id: newId() })), colour: 'blue' },
      { ...couch(aTicket(world.ada.user, { id: newId() })), _meta: { lwt: 1 } },
      { ...couch(aTicket(world.ada.user, { id: newId() })), number: '5' },
      'not a document' as unknown as object,
      { subject: 'no id' },
    ]);
    expect(rows.map((row) => row.error)).toEqual([
      'forbidden', 'forbidden', 'bad_request', 'bad_request', 'bad_request', 'bad_request', 'bad_request',
    ]);
    expect(String(rows[2]?.reason)).toContain('unknown field colour');
    expect((await pull(world.sam, 'tickets')).results).toHaveLength(1);
  });

  it('refuses ids CouchDB reserves (design, local, leading underscore) per document, never a 500', async () => {
    const ids = ['_design/evil', '_local/evil', '_evil'];
    const rows = await push(world.sam, 'tickets', ids.map((id) => couch(aTicket(world.ada.user, { id }))));
    expect(rows.map((row) => row.error)).toEqual(['bad_request', 'bad_request', 'bad_request']);
    expect((await pull(world.sam, 'tickets')).results).toHaveLength(0);
    await expect(world.app.storage.tickets.get('_design/evil')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses new_edits: false as a whole, storing nothing', async () => {
    const ticket = aTicket(world.ada.user, { id: newId() });
    const res = await world.sam.http
      .post('/db/tickets/_bulk_docs')
      .send({ docs: [{ ...couch(ticket), _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } }], new_edits: false });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'bad_request' });
    await expect(world.app.storage.tickets.get(ticket.id)).rejects.toMatchObject({ status: 404 });
  });

  it('answers a body that is not {docs: [...]} with 400', async () => {
    for (const body of [[], { docs: 'x' }, {}]) {
      const res = await world.ada.http.post('/db/tickets/_bulk_docs').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('bad_request');
    }
  });
});
