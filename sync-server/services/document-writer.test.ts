/** The document writer used directly (as the demo seeder does): CouchDB-form answers, stamping, nothing stored when refused. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aMessage, aTicket, sam } from '../../app/model/fixtures';
import { createAccount } from './accounts';
import { writeDocuments } from './document-writer';
import { openStorage, type Storage } from './storage';

let storage: Storage;
beforeEach(async () => {
  storage = await openStorage({ kind: 'memory' });
});
afterEach(async () => storage.close());

const asCouch = ({ id, ...fields }: { id: string }) => ({ _id: id, ...fields });

describe('writeDocuments', () => {
  it('writes a batch as an agent, stamping numbers and the customer’s name, one answer per document in order', async () => {
    const ada = await createAccount(storage, { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace', password: 'demo-password' });
    const first = aTicket(ada, { id: 'ticket-a', customerName: '', status: 'closed' });
    const second = aTicket(ada, { id: 'ticket-b', customerName: '' });
    const results = await writeDocuments({ storage }, sam, 'tickets', [asCouch(first), asCouch(second), { _id: 'bad' }]);
    expect(results).toEqual([
      { ok: true, id: 'ticket-a', rev: expect.stringMatching(/^1-/) },
      { ok: true, id: 'ticket-b', rev: expect.stringMatching(/^1-/) },
      { id: 'bad', error: 'bad_request', reason: expect.any(String) },
    ]);
    expect(await storage.tickets.get('ticket-b')).toMatchObject({ number: 2, customerName: 'Ada Lovelace', customerId: ada.id });
    await expect(storage.tickets.get('bad')).rejects.toMatchObject({ status: 404 });
    const [note] = await writeDocuments({ storage }, sam, 'messages', [
      asCouch(aMessage(first, sam, { id: 'note-1', visibility: 'internal' })),
    ]);
    expect(note).toMatchObject({ ok: true, id: 'note-1' });
  });

  it('refuses a ticket for a customer without an account', async () => {
    const ghost = { id: 'ghost', name: 'Ghost', email: 'g@example.com', role: 'customer' as const };
    const [row] = await writeDocuments({ storage }, sam, 'tickets', [asCouch(aTicket(ghost))]);
    expect(row).toMatchObject({ error: 'forbidden' });
  });
});

describe('the same new ticket sent twice at once', () => {
  it('is stored once, answered ok then conflict, and takes one number', async () => {
    const ada = await createAccount(storage, { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace', password: 'demo-password' });
    const ticket = asCouch(aTicket(ada, { id: 'twice' }));
    const answers = await Promise.all([
      writeDocuments({ storage }, ada, 'tickets', [ticket]),
      writeDocuments({ storage }, ada, 'tickets', [ticket]),
    ]);
    expect(answers.flat().map((row) => ('ok' in row ? 'ok' : row.error)).sort()).toEqual(['conflict', 'ok']);
    const [next] = await writeDocuments({ storage }, ada, 'tickets', [asCouch(aTicket(ada, { id: 'after' }))]);
    expect(next).toMatchObject({ ok: true });
    expect(await storage.tickets.get('after')).toMatchObject({ number: 2 });
  });
});
