/**
 * A status change, the one write both roles make: an agent's to any status; a customer's mark resolved, and
 * the reopen their reply brings. On the server all three are the same document change (a `status` that
 * differs), so they are one rule, told apart by role and move.
 */
import { TICKET_STATUSES, type TicketStatus } from '../constants';
import type { TicketDoc } from '../ticket.schema';
import type { Reason, TicketChangeRule } from './write-types';

/** A customer's allowed status moves: mark resolved, or reopen (by replying) from pending or resolved. */
export function customerMayChangeStatus(from: TicketStatus, to: TicketStatus): boolean {
  if (from === to) return true;
  if (from === 'closed' || to === 'closed') return false;
  if (to === 'resolved') return true;
  if (to === 'open') return from === 'pending' || from === 'resolved';
  return false;
}

/** Whether a customer's reply reopens the ticket (pending or resolved become open). */
export function replyReopens(status: TicketStatus): boolean {
  return status === 'pending' || status === 'resolved';
}

/**
 * The ticket with `status`, stamped later than the change it replaces so last-writer-wins keeps it; `null`
 * when it already has that status. Throws for a value that is not a status.
 */
export function buildStatusChange(ticket: TicketDoc, status: TicketStatus, now: number): TicketDoc | null {
  if (!TICKET_STATUSES.includes(status)) throw new Error(`${String(status)} is not a status.`);
  if (ticket.status === status) return null;
  return { ...ticket, status, statusChangedAt: Math.max(now, ticket.statusChangedAt + 1) };
}

/** The refusal of a customer's write on a closed ticket, a status change or a reply alike. */
export const CLOSED_TICKET = 'this ticket is closed; open a new request instead';

function customerStatusError(from: TicketStatus, to: TicketStatus): Reason {
  if (customerMayChangeStatus(from, to)) return null;
  return from === 'closed'
    ? CLOSED_TICKET
    : `the status cannot be changed from ${from} to ${to}`;
}

/** Agents move a ticket to any status; customers only as `customerMayChangeStatus` says. */
export const statusChangeRule: TicketChangeRule = {
  fields: ['status', 'statusChangedAt'],
  roles: ['customer', 'agent'],
  check: (user, previous, next) => (user.role === 'agent' ? null : customerStatusError(previous.status, next.status)),
};
