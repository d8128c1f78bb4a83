/** Status mapping: labels, the portal's tabs, and which statuses a customer may move between. */
import type { TicketStatus } from './constants';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** The My Tickets tabs: Open = open + pending, Resolved = resolved + closed. */
export const PORTAL_TABS = {
  all: { label: 'All', statuses: ['open', 'pending', 'resolved', 'closed'] },
  open: { label: 'Open', statuses: ['open', 'pending'] },
  resolved: { label: 'Resolved', statuses: ['resolved', 'closed'] },
} as const satisfies Record<string, { label: string; statuses: readonly TicketStatus[] }>;
export type PortalTab = keyof typeof PORTAL_TABS;

/** Whether a status belongs to a portal tab. */
export function isInTab(status: TicketStatus, tab: PortalTab): boolean {
  return (PORTAL_TABS[tab].statuses as readonly TicketStatus[]).includes(status);
}

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
