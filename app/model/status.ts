/** Status mapping: labels and the portal's tabs (who may move a ticket between statuses: `writes/status-change.ts`). */
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
