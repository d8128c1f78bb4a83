/**
 * The customer's rating of the answer (issue 16): good or bad and an optional comment, on their own resolved
 * ticket. The builder the device runs, the rule the server applies, and the server's stamp of `ratedAt` (a
 * device's clock is not trusted). Agents read a rating and never write one: an agent's ticket keeps the stored one.
 */
import { LIMITS, RATING_VALUES, type RatingValue } from '../constants';
import type { TicketDoc, TicketRating } from '../ticket.schema';
import type { Reason, TicketChangeRule } from './write-types';

/** Whether two ratings say the same (value and comment; `ratedAt` is the server's stamp, not part of what was said). */
export function sameRating(a: TicketRating | undefined, b: TicketRating | undefined): boolean {
  if (!a || !b) return a === b;
  return a.value === b.value && a.comment === b.comment;
}

/** Whether `next` carries a rating other than `previous`'s. A ticket without one keeps the stored one (never removed). */
export function ratingChanged(previous: TicketDoc, next: TicketDoc): boolean {
  return next.rating !== undefined && !sameRating(previous.rating, next.rating);
}

/** Why a comment cannot be sent, or `null`: counted in characters after trimming, as the other text rules. */
export function ratingCommentError(comment: string): Reason {
  const length = [...comment.trim()].length;
  return length > LIMITS.ratingCommentMax
    ? `a comment may be at most ${LIMITS.ratingCommentMax.toLocaleString('en-US')} characters`
    : null;
}

/**
 * The ticket rated `value` with `comment` (trimmed); `null` when it already says that. `now` is the device's
 * time, a placeholder: the server stamps `ratedAt` when it takes the rating. Throws for a value that is not a rating.
 */
export function buildRating(ticket: TicketDoc, value: RatingValue, comment: string, now: number): TicketDoc | null {
  if (!RATING_VALUES.includes(value)) throw new Error(`${String(value)} is not a rating.`);
  const rating: TicketRating = { value, comment: comment.trim(), ratedAt: now };
  return sameRating(ticket.rating, rating) ? null : { ...ticket, rating };
}

/** A rating's own facts: a value, a trimmed comment within the limit. */
function ratingShapeError(rating: TicketRating): Reason {
  if (!RATING_VALUES.includes(rating.value)) return 'a rating is good or bad';
  if (rating.comment !== rating.comment.trim()) return 'the rating’s comment is not trimmed';
  return ratingCommentError(rating.comment);
}

/**
 * Only the ticket's customer rates (the dispatcher has checked it is theirs), and only a resolved ticket: resolved
 * as stored, or made resolved by the same write (marked resolved and rated offline, sent as one document). A
 * rating given on the resolved ticket and sent with the reply that reopened it was given while it was resolved.
 */
export const ratingRule: TicketChangeRule = {
  fields: ['rating'],
  roles: ['customer'],
  changed: ratingChanged,
  check: (_user, previous, next) => {
    if (previous.status !== 'resolved' && next.status !== 'resolved') return 'only a resolved ticket can be rated';
    return ratingShapeError(next.rating!);
  },
};

/** A new ticket is not rated yet (it starts open). */
export function newTicketRatingError(next: TicketDoc): Reason {
  return next.rating === undefined ? null : 'a new ticket is not rated yet';
}

/**
 * The rating the server stores with an allowed write: a new one stamped `now` (the server's clock), the stored one
 * (its stamp too) when the write says the same or nothing. Absent while the ticket was never rated.
 */
export function storedRating(previous: TicketDoc, next: TicketDoc, now: number): Pick<TicketDoc, 'rating'> {
  if (ratingChanged(previous, next)) return { rating: { ...next.rating!, ratedAt: now } };
  return previous.rating ? { rating: previous.rating } : {};
}
