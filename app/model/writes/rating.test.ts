/** The rating: the builder and the rule together (the customer's own resolved ticket only), and the server's stamp. */
import { describe, expect, it } from 'vitest';
import { LIMITS, type TicketStatus } from '../constants';
import { ada, aTicket, grace, sam } from '../fixtures';
import type { TicketDoc } from '../ticket.schema';
import { buildRating, ratingCommentError, storedRating } from './rating';
import { buildStatusChange } from './status-change';
import { ticketWriteError } from './write-rules';

const stored = (status: TicketStatus, overrides: Partial<TicketDoc> = {}) =>
  aTicket(ada, { number: 3, status, statusChangedAt: 9_000, ...overrides });

describe('a rating', () => {
  it('is built with the comment trimmed and a placeholder time, and is nothing when it says the same', () => {
    expect(buildRating(stored('resolved'), 'bad', '  Too slow.  ', 20_000)?.rating).toEqual({ value: 'bad', comment: 'Too slow.', ratedAt: 20_000 });
    const rated = stored('resolved', { rating: { value: 'good', comment: 'Thanks', ratedAt: 10_000 } });
    expect(buildRating(rated, 'good', 'Thanks ', 30_000)).toBeNull();
    expect(buildRating(rated, 'bad', 'Thanks', 30_000)?.rating?.value).toBe('bad');
    expect(() => buildRating(rated, 'meh' as never, '', 30_000)).toThrow('meh is not a rating.');
  });

  it('lets the customer rate their own resolved ticket, and change the rating while it stays resolved', () => {
    const resolved = stored('resolved');
    const first = buildRating(resolved, 'bad', 'It came back.', 20_000)!;
    expect(ticketWriteError(ada, resolved, first)).toBeNull();
    expect(ticketWriteError(ada, first, buildRating(first, 'good', '', 30_000)!)).toBeNull();
  });

  it('refuses another customer’s rating, a rating of an open, pending or closed ticket, and an agent’s', () => {
    const resolved = stored('resolved');
    expect(ticketWriteError(grace, resolved, buildRating(resolved, 'good', '', 20_000)!)).toBe('you can only change your own tickets');
    for (const status of ['open', 'pending', 'closed'] as const) {
      expect(ticketWriteError(ada, stored(status), buildRating(stored(status), 'good', '', 20_000)!)).toBe('only a resolved ticket can be rated');
    }
    expect(ticketWriteError(sam, resolved, buildRating(resolved, 'good', '', 20_000)!)).toBe('rating is changed by a customer');
  });

  it('takes a rating sent with the write that resolved the ticket, or with the reply that reopened it', () => {
    const open = stored('open');
    const resolvedOffline = buildStatusChange(open, 'resolved', 20_000)!;
    expect(ticketWriteError(ada, open, buildRating(resolvedOffline, 'good', '', 21_000)!)).toBeNull();
    const resolved = stored('resolved');
    const reopened = buildStatusChange(buildRating(resolved, 'bad', 'No fix yet.', 20_000)!, 'open', 21_000)!;
    expect(ticketWriteError(ada, resolved, reopened)).toBeNull();
  });

  it('refuses a comment past the limit in words, and a new ticket that comes rated', () => {
    const long = 'x'.repeat(LIMITS.ratingCommentMax + 1);
    expect(ratingCommentError('x'.repeat(LIMITS.ratingCommentMax))).toBeNull();
    expect(ratingCommentError(long)).toBe('a comment may be at most 1,000 characters');
    const resolved = stored('resolved');
    expect(ticketWriteError(ada, resolved, buildRating(resolved, 'bad', long, 20_000)!)).toBe('a comment may be at most 1,000 characters');
    const rated = aTicket(ada, { id: 't-new', rating: { value: 'good', comment: '', ratedAt: 1 } });
    expect(ticketWriteError(ada, null, rated)).toBe('a new ticket is not rated yet');
  });

  it('keeps the stored rating under an agent’s write that leaves it out or repeats it', () => {
    const rating = { value: 'bad' as const, comment: 'Slow.', ratedAt: 10_000 };
    const rated = stored('resolved', { rating });
    const { rating: _left, ...withoutRating } = rated;
    const agentOpens = buildStatusChange(withoutRating, 'open', 20_000)!;
    expect(ticketWriteError(sam, rated, agentOpens)).toBeNull();
    expect(storedRating(rated, agentOpens, 99_000)).toEqual({ rating });
    expect(ticketWriteError(sam, rated, { ...rated, priority: 'high' })).toBeNull();
    expect(storedRating(rated, { ...rated, priority: 'high' }, 99_000)).toEqual({ rating });
  });

  it('is stamped with the server’s time when it changes, and keeps its stamp when the device’s time differs', () => {
    const resolved = stored('resolved');
    const rated = buildRating(resolved, 'good', '', 1)!;
    expect(storedRating(resolved, rated, 50_000)).toEqual({ rating: { value: 'good', comment: '', ratedAt: 50_000 } });
    const kept = { ...resolved, rating: { value: 'good' as const, comment: '', ratedAt: 50_000 } };
    expect(storedRating(kept, { ...kept, rating: { ...kept.rating, ratedAt: 2 } }, 60_000)).toEqual({ rating: kept.rating });
    expect(storedRating(resolved, { ...resolved, priority: 'low' }, 60_000)).toEqual({});
  });
});
