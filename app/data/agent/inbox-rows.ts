/** The inbox rows from the index: filter and search in memory, unread from this device's seen counts. */
import type { InboxFilter, InboxRow } from './agent-types';
import { channelsOf, type InboxEntry } from './inbox-index';

/** Customer messages seen on this device, by ticket id. */
export type SeenCounts = Readonly<Record<string, number>>;

/** Whether the entry has customer messages this device has not opened. */
export function isUnread(entry: InboxEntry, seen: SeenCounts): boolean {
  return entry.activity.customerCount > (seen[entry.ticket.id] ?? 0);
}

/** Whether the entry passes the filter; `search` is already trimmed and lower-case. */
export function matches(entry: InboxEntry, filter: InboxFilter, search: string, userId: string): boolean {
  const { ticket } = entry;
  if (filter.status !== 'all' && ticket.status !== filter.status) return false;
  if (filter.priority !== 'all' && ticket.priority !== filter.priority) return false;
  if (filter.assignedToMe && ticket.assigneeId !== userId) return false;
  if (!search) return true;
  return entry.searchText.includes(search) || (/^\d+$/.test(search) && ticket.number === Number(search));
}

/** Normalises what the user typed: trimmed, lower-case, `#12` and `tk 12` read as `tk-12`. */
export function normaliseSearch(search: string): string {
  return search.trim().toLowerCase().replace(/^#(\d+)$/, 'tk-$1').replace(/^tk\s*-?\s*(\d+)$/, 'tk-$1');
}

/** Builds rows, reusing the previous object for a ticket whose document, activity and unread mark are unchanged. */
export function createRowMaker() {
  const cache = new Map<string, { ticket: unknown; rev: number; unread: boolean; row: InboxRow }>();
  return (entries: readonly InboxEntry[], seen: SeenCounts): InboxRow[] =>
    entries.map((entry) => {
      const { ticket, activity } = entry;
      const unread = isUnread(entry, seen);
      const old = cache.get(ticket.id);
      const row = old && old.ticket === ticket && old.rev === activity.rev && old.unread === unread
        ? old.row
        : makeRow(entry, unread);
      cache.set(ticket.id, { ticket, rev: activity.rev, unread, row });
      return row;
    });
}

function makeRow(entry: InboxEntry, unread: boolean): InboxRow {
  const { ticket, activity } = entry;
  const last = activity.last;
  return {
    ticket,
    customerName: ticket.customerName,
    channels: channelsOf(activity),
    lastMessage: last
      ? { authorName: last.authorName, authorRole: last.authorRole, body: last.body, createdAt: last.createdAt, internal: last.visibility === 'internal' }
      : null,
    lastMessageAt: last?.createdAt ?? ticket.createdAt,
    lastActivityAt: entry.lastActivityAt,
    messageCount: activity.count,
    unread,
  };
}
