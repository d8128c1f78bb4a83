/** The status rule of ARCHITECTURE.md in RxDB's conflict handler: the agent set pending while the customer replied offline. */
import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import { ada, aTicket } from '../../model/fixtures';
import type { TicketDoc } from '../../model';
import { createTicketConflictHandler } from './ticket-conflict-handler';
import type { OutboxView } from './replication/outbox-store';

function recordingOutbox() {
  const refused: { id: string; reason: string }[] = [];
  const acknowledged: string[] = [];
  const outbox: OutboxView = {
    needsResend: () => false,
    acknowledge: async (_collection, ids) => void acknowledged.push(...ids),
    refuse: async (id, _collection, reason) => void refused.push({ id, reason }),
  };
  return { outbox, refused, acknowledged };
}

const del = (t: TicketDoc): WithDeleted<TicketDoc> => ({ ...t, _deleted: false });
// The server's copy the device last saw: numbered, open since 1 000.
const assumed = del(aTicket(ada, { number: 7, status: 'open', statusChangedAt: 1_000, customerName: 'Ada Lovelace' }));

describe('ticket conflict handler', () => {
  it('keeps the customer’s reopen when it came after the agent’s pending', async () => {
    const { outbox, refused } = recordingOutbox();
    const handler = createTicketConflictHandler(ada, outbox);
    const master = { ...assumed, status: 'pending' as const, statusChangedAt: 2_000, assigneeId: 'user-sam' };
    const fork = { ...assumed, status: 'open' as const, statusChangedAt: 3_000 };
    const resolved = await handler.resolve({ newDocumentState: fork, realMasterState: master, assumedMasterState: assumed }, 'test');
    expect(resolved).toMatchObject({ status: 'open', statusChangedAt: 3_000, assigneeId: 'user-sam', number: 7 });
    expect(refused).toEqual([]);
  });

  it('keeps the agent’s pending when it came after the customer’s offline reopen', async () => {
    const { outbox } = recordingOutbox();
    const handler = createTicketConflictHandler(ada, outbox);
    const base = { ...assumed, status: 'resolved' as const };
    const fork = { ...base, status: 'open' as const, statusChangedAt: 2_000 };
    const master = { ...base, status: 'pending' as const, statusChangedAt: 3_000, priority: 'high' as const };
    const resolved = await handler.resolve({ newDocumentState: fork, realMasterState: master, assumedMasterState: base }, 'test');
    expect(resolved).toMatchObject({ status: 'pending', statusChangedAt: 3_000, priority: 'high' });
  });

  it('records a merge the server would refuse (closed meanwhile) instead of dropping it in silence', async () => {
    const { outbox, refused } = recordingOutbox();
    const handler = createTicketConflictHandler(ada, outbox);
    const master = { ...assumed, status: 'closed' as const, statusChangedAt: 2_000 };
    const fork = { ...assumed, status: 'resolved' as const, statusChangedAt: 3_000 };
    const resolved = await handler.resolve({ newDocumentState: fork, realMasterState: master, assumedMasterState: assumed }, 'test');
    expect(resolved.status).toBe('closed');
    expect(refused).toEqual([{ id: assumed.id, reason: expect.stringContaining('closed') }]);
  });

  it('counts a write the server already holds (a lost answer) as acknowledged', async () => {
    const { outbox, acknowledged } = recordingOutbox();
    const handler = createTicketConflictHandler(ada, outbox);
    const sent = del(aTicket(ada, { number: null, customerName: 'Ada Lovelace' }));
    const master = { ...sent, number: 12 };
    const resolved = await handler.resolve({ newDocumentState: sent, realMasterState: master }, 'test');
    expect(resolved).toEqual(master);
    expect(acknowledged).toEqual([sent.id]);
  });

  it('keeps a rating made offline together with the agent’s status and priority change made meanwhile', async () => {
    const { outbox, refused } = recordingOutbox();
    const handler = createTicketConflictHandler(ada, outbox);
    const base = { ...assumed, status: 'resolved' as const, statusChangedAt: 2_000 };
    const fork = { ...base, rating: { value: 'bad' as const, comment: 'Slow.', ratedAt: 3_000 } };
    const master = { ...base, priority: 'high' as const, status: 'resolved' as const, statusChangedAt: 4_000, assigneeId: 'user-sam' };
    const resolved = await handler.resolve({ newDocumentState: fork, realMasterState: master, assumedMasterState: base }, 'test');
    expect(resolved).toMatchObject({ priority: 'high', assigneeId: 'user-sam', statusChangedAt: 4_000, rating: fork.rating });
    expect(refused).toEqual([]);
  });

  it('records a rating the server would refuse (reopened meanwhile) and keeps the server’s ticket', async () => {
    const { outbox, refused } = recordingOutbox();
    const handler = createTicketConflictHandler(ada, outbox);
    const base = { ...assumed, status: 'resolved' as const, statusChangedAt: 2_000 };
    const fork = { ...base, rating: { value: 'good' as const, comment: '', ratedAt: 3_000 } };
    const master = { ...base, status: 'open' as const, statusChangedAt: 4_000 };
    const resolved = await handler.resolve({ newDocumentState: fork, realMasterState: master, assumedMasterState: base }, 'test');
    expect(resolved).toEqual(master);
    expect(refused).toEqual([{ id: assumed.id, reason: 'only a resolved ticket can be rated' }]);
  });

  it('compares tickets field by field, the rating by its fields', () => {
    const handler = createTicketConflictHandler(ada, recordingOutbox().outbox);
    expect(handler.isEqual(assumed, { ...assumed }, 'test')).toBe(true);
    expect(handler.isEqual(assumed, { ...assumed, status: 'resolved' }, 'test')).toBe(false);
    const rated = { ...assumed, rating: { value: 'good' as const, comment: '', ratedAt: 5 } };
    expect(handler.isEqual(rated, { ...rated, rating: { ...rated.rating } }, 'test')).toBe(true);
    expect(handler.isEqual(assumed, rated, 'test')).toBe(false);
    expect(handler.isEqual(rated, { ...rated, rating: { ...rated.rating, ratedAt: 6 } }, 'test')).toBe(false);
  });
});
