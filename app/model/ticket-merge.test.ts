/** The ticket conflict rule: status by statusChangedAt, other fields three-way, server-owned from the server. */
import { describe, expect, it } from 'vitest';
import { ada, aTicket, sam } from './fixtures';
import { mergeTicket } from './ticket-merge';

describe('mergeTicket', () => {
  const assumed = aTicket(ada, { number: 5, status: 'resolved', statusChangedAt: 1_000 });

  it('keeps the customer’s later reopen over the agent’s earlier pending', () => {
    const master = { ...assumed, status: 'pending' as const, statusChangedAt: 2_000 };
    const fork = { ...assumed, status: 'open' as const, statusChangedAt: 3_000 };
    expect(mergeTicket(fork, master, assumed)).toMatchObject({ status: 'open', statusChangedAt: 3_000 });
  });

  it('keeps the agent’s later pending over the customer’s earlier reopen', () => {
    const master = { ...assumed, status: 'pending' as const, statusChangedAt: 3_000 };
    const fork = { ...assumed, status: 'open' as const, statusChangedAt: 2_000 };
    expect(mergeTicket(fork, master, assumed)).toMatchObject({ status: 'pending', statusChangedAt: 3_000 });
  });

  it('keeps both sides’ edits of different fields', () => {
    const master = { ...assumed, priority: 'urgent' as const };
    const fork = { ...assumed, assigneeId: sam.id };
    expect(mergeTicket(fork, master, assumed)).toMatchObject({ priority: 'urgent', assigneeId: sam.id });
  });

  it('takes server-owned fields from the server', () => {
    const fork = { ...assumed, number: null, customerName: '' };
    expect(mergeTicket(fork, assumed, assumed)).toMatchObject({ number: 5, customerName: 'Ada Lovelace' });
  });

  it('keeps a rating made on the device over the agent’s change of other fields, and the server’s when the device made none', () => {
    const rating = { value: 'bad' as const, comment: 'Slow.', ratedAt: 2_500 };
    const master = { ...assumed, priority: 'high' as const, status: 'pending' as const, statusChangedAt: 3_000 };
    expect(mergeTicket({ ...assumed, rating }, master, assumed)).toMatchObject({ rating, priority: 'high', status: 'pending' });
    const stamped = { ...rating, ratedAt: 9_000 };
    expect(mergeTicket(assumed, { ...master, rating: stamped }, assumed).rating).toEqual(stamped);
    // The same rating the server already holds keeps the server's stamp.
    expect(mergeTicket({ ...assumed, rating }, { ...master, rating: stamped }, assumed).rating).toEqual(stamped);
  });
});
