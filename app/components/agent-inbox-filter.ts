/** The inbox's filter, search and order as one pure function, so it runs offline on the device's copy. */
import type { Channel, Priority, TicketStatus } from '../model/constants';
import { formatTicketNumber } from '../model/ticket-number';

/** One inbox row as plain values (the data layer's agent ticket summary fits this shape). */
export interface AgentRowItem {
  id: string;
  number: number | null;
  customerName: string;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  assigneeId: string | null;
  channels: Channel[];
  lastActivityAt: number;
  unread: boolean;
}

/** The status filter's choices: one status or all of them. */
export type StatusFilter = TicketStatus | 'all';
/** The priority filter's choices: one priority or any. */
export type PriorityFilter = Priority | 'all';

/** What the agent asked the list to show. */
export interface InboxFilter { status: StatusFilter; priority: PriorityFilter; mine: boolean; query: string }

/** The inbox as it opens: open tickets, any priority, everyone's, no search. */
export const DEFAULT_FILTER: InboxFilter = { status: 'open', priority: 'all', mine: false, query: '' };

/** Whether `row` matches the search words: every word in the subject, the number (`TK-12`, `12`) or the customer. */
export function matchesQuery(row: AgentRowItem, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const number = row.number === null ? '' : `${formatTicketNumber(row.number)} ${row.number}`.toLowerCase();
  const text = `${row.subject}\n${row.customerName}\n${number}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The rows that pass `filter`, newest activity first. */
export function filterInbox<T extends AgentRowItem>(rows: readonly T[], filter: InboxFilter, userId: string): T[] {
  return rows
    .filter((r) =>
      (filter.status === 'all' || r.status === filter.status)
      && (filter.priority === 'all' || r.priority === filter.priority)
      && (!filter.mine || r.assigneeId === userId)
      && matchesQuery(r, filter.query))
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt);
}
