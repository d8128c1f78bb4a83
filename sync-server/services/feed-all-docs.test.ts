/** `_all_docs` by keys, scoped: live, hidden, missing and deleted documents as agents and customers see them. */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../app/model/user';
import { readAllDocs } from './feed-all-docs';
import { openStorage, type Storage } from './storage';

const agent: SessionUser = { id: 'sam', name: 'Sam', email: 'sam@example.com', role: 'agent' };
const ada: SessionUser = { id: 'ada', name: 'Ada', email: 'ada@example.com', role: 'customer' };

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
});

/** A memory storage holding Ada's ticket, Grace's ticket and a ticket an admin deleted. */
async function storedTickets(): Promise<{ adaRev: string; goneRev: string }> {
  storage = await openStorage({ kind: 'memory' });
  const ada1 = await storage.tickets.put({ _id: 'ada-1', customerId: 'ada', subject: 'Cable' });
  await storage.tickets.put({ _id: 'grace-1', customerId: 'grace', subject: 'Refund' });
  const gone = await storage.tickets.put({ _id: 'gone', customerId: 'ada', subject: 'Spam' });
  const removed = await storage.tickets.remove('gone', gone.rev);
  return { adaRev: ada1.rev, goneRev: removed.rev };
}

describe('readAllDocs', () => {
  it('shows an agent every live document and the tombstone, in the order of the keys asked', async () => {
    const { adaRev, goneRev } = await storedTickets();
    const answer = await readAllDocs(storage!, agent, 'tickets', ['gone', 'ada-1', 'missing', 'ada-1'], false);
    expect(answer.rows).toEqual([
      { id: 'gone', key: 'gone', value: { rev: goneRev, deleted: true } },
      { id: 'ada-1', key: 'ada-1', value: { rev: adaRev } },
      { key: 'missing', error: 'not_found' },
      { id: 'ada-1', key: 'ada-1', value: { rev: adaRev } },
    ]);
  });

  it('answers a customer about someone else’s or a deleted document exactly as about a missing one', async () => {
    const { adaRev } = await storedTickets();
    const answer = await readAllDocs(storage!, ada, 'tickets', ['ada-1', 'grace-1', 'gone', 'missing'], true);
    expect(answer.rows[0]).toMatchObject({ id: 'ada-1', value: { rev: adaRev }, doc: { subject: 'Cable' } });
    expect(answer.rows.slice(1)).toEqual([
      { key: 'grace-1', error: 'not_found' },
      { key: 'gone', error: 'not_found' },
      { key: 'missing', error: 'not_found' },
    ]);
  });
});
