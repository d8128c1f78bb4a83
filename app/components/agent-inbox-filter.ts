/** The inbox's plain shapes: one row as the list shows it, and the filter the agent sets (search works offline). */
import type { Channel, Priority, TicketStatus } from '../model/constants';

/** One inbox row as plain values (the container maps the data layer's inbox row to this). */
export interface AgentRowItem {
  id: string;
  number: number | null;
  customerName: string;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  channels: Channel[];
  /** When the last message was written (the row's time). */
  lastMessageAt: number;
  unread: boolean;
  /** The last message in one line ("Ada Lovelace: Thanks…"), or null before any message. */
  preview: string | null;
}

/** The status filter's choices: one status or all of them. */
export type StatusFilter = TicketStatus | 'all';
/** The priority filter's choices: one priority or any. */
export type PriorityFilter = Priority | 'all';

/** What the agent asked the list to show: status, priority, only tickets assigned to them, search words. */
export interface InboxFilter { status: StatusFilter; priority: PriorityFilter; mine: boolean; query: string }

/** The inbox as it opens: open tickets, any priority, everyone's, no search. */
export const DEFAULT_FILTER: InboxFilter = { status: 'open', priority: 'all', mine: false, query: '' };
