/**
 * The conflict rule for tickets (ARCHITECTURE.md): `status` is last-writer-wins by `statusChangedAt`;
 * every other field is merged three-way, so a local edit survives unless the server changed the same field. The
 * rating is the customer's alone: a rating made on this device is kept over whatever the server holds (the rule
 * then decides whether the ticket may still be rated).
 */
import type { TicketDoc } from './ticket.schema';
import { sameRating } from './writes/rating';

const MERGED_FIELDS = ['subject', 'description', 'priority', 'assigneeId'] as const;

/**
 * Merges the device's state (`fork`) with the server's (`master`), given the server state the device last saw
 * (`assumed`, or `undefined` when it never saw one). Server-owned fields always come from `master`.
 */
export function mergeTicket(fork: TicketDoc, master: TicketDoc, assumed: TicketDoc | undefined): TicketDoc {
  const merged: TicketDoc = { ...master };
  for (const field of MERGED_FIELDS) {
    const changedLocally = assumed === undefined || fork[field] !== assumed[field];
    if (changedLocally && fork[field] !== master[field]) {
      (merged as Record<string, unknown>)[field] = fork[field];
    }
  }
  const ratedLocally = fork.rating !== undefined && !sameRating(fork.rating, assumed?.rating);
  if (ratedLocally && !sameRating(fork.rating, master.rating)) merged.rating = fork.rating;
  if (fork.statusChangedAt > master.statusChangedAt) {
    merged.status = fork.status;
    merged.statusChangedAt = fork.statusChangedAt;
  }
  return merged;
}
