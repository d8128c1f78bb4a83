/**
 * The agent inbox's in-memory index: one summary per ticket (last message, count, channels, customer
 * messages), fed once from a full read and then one change at a time, so that filtering 5,000 tickets
 * never re-reads 50,000 messages. Pure: no RxDB, no Solid.
 */
import { formatTicketNumber, type Channel, type MessageDoc, type TicketDoc } from '../model';

/** What the inbox derives from one ticket's messages. */
export interface TicketActivity {
  last: MessageDoc | null;
  count: number;
  /** Customer-written messages: the unread mark compares it with what this device has seen. */
  customerCount: number;
  /** Public conversations by id: channel and when each started. */
  conversations: Map<string, { channel: Channel; startedAt: number }>;
  /** Bumped on every change, so a row can be reused while its summary did not change. */
  rev: number;
}

/** The index as one JSON value (tickets, each ticket's activity and counted message ids), to keep on the device. */
export interface InboxIndexJson {
  tickets: TicketDoc[];
  activity: { ticketId: string; last: MessageDoc | null; count: number; customerCount: number; conversations: [string, Channel, number][]; ids: string[] }[];
}

/** A stored last message keeps this much of its body: enough for a row's preview. */
const PREVIEW_CHARS = 400;

/** One ticket's entry: the document, its activity and its lower-case search text. */
export interface InboxEntry {
  ticket: TicketDoc;
  activity: TicketActivity;
  searchText: string;
  lastActivityAt: number;
}

function emptyActivity(): TicketActivity {
  return { last: null, count: 0, customerCount: 0, conversations: new Map(), rev: 0 };
}

function searchTextOf(ticket: TicketDoc): string {
  const number = formatTicketNumber(ticket.number);
  return [ticket.subject, number ?? '', ticket.customerName].join('\n').toLowerCase();
}

/** The channels of the public conversations, in the order they started. */
export function channelsOf(activity: TicketActivity): Channel[] {
  const started = [...activity.conversations.values()].sort((a, b) => a.startedAt - b.startedAt);
  const channels: Channel[] = [];
  for (const { channel } of started) if (!channels.includes(channel)) channels.push(channel);
  return channels;
}

/** A mutable index of tickets and their message activity. */
export class InboxIndex {
  /** Entries by ticket id (tickets only; messages whose ticket has not arrived wait in `activity`). */
  readonly entries = new Map<string, InboxEntry>();
  private readonly activity = new Map<string, TicketActivity>();
  /** The ids counted per ticket, so a message seen twice (full read, then its change event) counts once. */
  private readonly messageIds = new Map<string, Set<string>>();
  private sorted: InboxEntry[] | null = null;

  /** Adds or replaces a ticket. */
  putTicket(ticket: TicketDoc): void {
    const activity = this.activityOf(ticket.id);
    activity.rev += 1;
    this.entries.set(ticket.id, { ticket, activity, searchText: searchTextOf(ticket), lastActivityAt: 0 });
    this.touch(ticket.id);
  }

  /** Removes a ticket (its messages' activity is kept for when it returns). */
  removeTicket(id: string): void {
    if (this.entries.delete(id)) this.sorted = null;
  }

  /** Counts a message once (a message already counted is ignored; messages are immutable). */
  addMessage(message: MessageDoc): void {
    const ids = this.idsOf(message.ticketId);
    if (ids.has(message.id)) return;
    ids.add(message.id);
    const activity = this.activityOf(message.ticketId);
    activity.count += 1;
    activity.rev += 1;
    if (message.authorRole === 'customer') activity.customerCount += 1;
    if (!activity.last || message.createdAt >= activity.last.createdAt) activity.last = message;
    if (message.visibility === 'public') {
      const known = activity.conversations.get(message.conversationId);
      if (!known || message.createdAt < known.startedAt) {
        activity.conversations.set(message.conversationId, { channel: message.channel, startedAt: message.createdAt });
      }
    }
    this.touch(message.ticketId);
  }

  /** Rebuilds one ticket's activity from all its messages (after a message was removed from the device). */
  resetMessages(ticketId: string, messages: readonly MessageDoc[]): void {
    const old = this.activity.get(ticketId);
    const fresh = emptyActivity();
    fresh.rev = (old?.rev ?? 0) + 1;
    this.activity.set(ticketId, fresh);
    this.messageIds.delete(ticketId);
    const entry = this.entries.get(ticketId);
    if (entry) entry.activity = fresh;
    for (const message of messages) this.addMessage(message);
    this.touch(ticketId);
  }

  /** The index as JSON (last messages' bodies cut to a preview). */
  toJSON(): InboxIndexJson {
    return {
      tickets: [...this.entries.values()].map((e) => e.ticket),
      activity: [...this.activity].map(([ticketId, a]) => ({
        ticketId,
        last: a.last && a.last.body.length > PREVIEW_CHARS ? { ...a.last, body: a.last.body.slice(0, PREVIEW_CHARS) } : a.last,
        count: a.count,
        customerCount: a.customerCount,
        conversations: [...a.conversations].map(([id, c]): [string, Channel, number] => [id, c.channel, c.startedAt]),
        ids: [...(this.messageIds.get(ticketId) ?? [])],
      })),
    };
  }

  /** An index restored from `toJSON()`'s value. */
  static fromJSON(json: InboxIndexJson): InboxIndex {
    const index = new InboxIndex();
    for (const a of json.activity) {
      index.activity.set(a.ticketId, {
        last: a.last, count: a.count, customerCount: a.customerCount, rev: 0,
        conversations: new Map(a.conversations.map(([id, channel, startedAt]) => [id, { channel, startedAt }])),
      });
      index.messageIds.set(a.ticketId, new Set(a.ids));
    }
    for (const ticket of json.tickets) index.putTicket(ticket);
    return index;
  }

  /** Every ticket, newest activity first (cached until something changes). */
  byActivity(): InboxEntry[] {
    this.sorted ??= [...this.entries.values()].sort(
      (x, y) => y.lastActivityAt - x.lastActivityAt || (x.ticket.id < y.ticket.id ? 1 : -1),
    );
    return this.sorted;
  }

  private idsOf(ticketId: string): Set<string> {
    let ids = this.messageIds.get(ticketId);
    if (!ids) {
      ids = new Set();
      this.messageIds.set(ticketId, ids);
    }
    return ids;
  }

  private activityOf(ticketId: string): TicketActivity {
    let activity = this.activity.get(ticketId);
    if (!activity) {
      activity = emptyActivity();
      this.activity.set(ticketId, activity);
    }
    return activity;
  }

  private touch(ticketId: string): void {
    this.sorted = null;
    const entry = this.entries.get(ticketId);
    if (!entry) return;
    const { ticket, activity } = entry;
    entry.lastActivityAt = Math.max(ticket.createdAt, ticket.statusChangedAt, activity.last?.createdAt ?? 0);
  }
}
