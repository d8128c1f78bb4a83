/** Status changes: mark resolved, the reply's reopen and the agent's change pass the rule; the customer's other moves do not. */
import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../constants';
import { ada, aTicket, grace, sam } from '../fixtures';
import { buildStatusChange } from './status-change';
import { ticketWriteError } from './write-rules';

const stored = (status: TicketStatus) => aTicket(ada, { number: 3, status, statusChangedAt: 9_000 });

describe('a status change', () => {
  it('is stamped later than the change it replaces (a clock behind still wins), and is nothing when the status is the same', () => {
    expect(buildStatusChange(stored('open'), 'resolved', 5_000)).toMatchObject({ status: 'resolved', statusChangedAt: 9_001 });
    expect(buildStatusChange(stored('open'), 'resolved', 20_000)).toMatchObject({ statusChangedAt: 20_000 });
    expect(buildStatusChange(stored('resolved'), 'resolved', 20_000)).toBeNull();
    expect(() => buildStatusChange(stored('open'), 'gone' as never, 20_000)).toThrow('gone is not a status.');
  });

  it('lets a customer mark resolved from open or pending, and reopen from pending or resolved', () => {
    for (const [from, to] of [['open', 'resolved'], ['pending', 'resolved'], ['pending', 'open'], ['resolved', 'open']] as const) {
      const previous = stored(from);
      expect(ticketWriteError(ada, previous, buildStatusChange(previous, to, 20_000)!)).toBeNull();
    }
  });

  it('refuses a customer’s move to pending or closed, and any move from closed', () => {
    expect(ticketWriteError(ada, stored('open'), buildStatusChange(stored('open'), 'closed', 20_000)!))
      .toBe('the status cannot be changed from open to closed');
    expect(ticketWriteError(ada, stored('open'), buildStatusChange(stored('open'), 'pending', 20_000)!))
      .toBe('the status cannot be changed from open to pending');
    expect(ticketWriteError(ada, stored('closed'), buildStatusChange(stored('closed'), 'open', 20_000)!))
      .toBe('this ticket is closed; open a new request instead');
    expect(ticketWriteError(ada, stored('closed'), buildStatusChange(stored('closed'), 'resolved', 20_000)!)).toContain('closed');
  });

  it('lets an agent move a ticket to any status, and no other customer move it', () => {
    for (const to of ['pending', 'closed', 'open'] as const) {
      const previous = stored(to === 'open' ? 'closed' : 'open');
      expect(ticketWriteError(sam, previous, buildStatusChange(previous, to, 20_000)!)).toBeNull();
    }
    const resolved = buildStatusChange(stored('open'), 'resolved', 20_000)!;
    expect(ticketWriteError(grace, stored('open'), resolved)).toBe('you can only change your own tickets');
  });
});
