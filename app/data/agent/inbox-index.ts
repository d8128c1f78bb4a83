/**
 * The agent inbox's in-memory index: one summary per ticket (last message, count, channels, customer
 * messages), fed once from a full read and then one change at a time, so that filtering 5,000 tickets
 * never re-reads 50,000 messages. Pure: no RxDB, no Solid.
 */
import { formatTicketNumber, type Channel, type MessageDoc, type TicketDoc } from '../../model';
import { idHash } from './id-hash';
import { messageFromTuple, messageToTuple, ticketFromTuple, ticketToTuple, type MessageTuple, type TicketTuple } from './inbox-tuples';

/** A ticket as the inbox keeps it: without its description, which no row shows (a thread reads its own copy). */
export type InboxTicket = Omit<TicketDoc, 'description'>;
/** What a row shows of the last message (its body cut to a preview). */
export type InboxMessage = Pick<MessageDoc, 'authorName' | 'authorRole' | 'body' | 'createdAt' | 'visibility'>;

/** What the inbox derives from one ticket's messages. */
export interface TicketActivity {
  last: InboxMessage | null;
  count: number;
  /** Customer-written messages: the unread mark compares it with what this device has seen. */
  customerCount: number;
  /** Public conversations by id: channel and when each started. */
  conversations: Map<string, { channel: Channel; startedAt: number }>;
  /** Bumped on every change, so a row can be reused while its summary did not change. */
  rev: number;
}

/**
 * The index as one JSON value to keep on the device: the tickets, and per ticket its activity (last message,
 * counts, conversations as [id, channel, startedAt]) with the hashes of the message ids it counted.
 */
export interface InboxIndexJson {
  tickets: TicketTuple[];
  activity: [ticketId: string, last: MessageTuple | null, count: number, customerCount: number, conversations: [string, Channel, number][], ids: number[]][];
}

/** The last message keeps this much of its body: enough for a row's preview. */
const PREVIEW_CHARS = 400;

/** One ticket's entry: the ticket, its activity and its lower-case search text. */
export interface InboxEntry {
  ticket: InboxTicket;
  activity: TicketActivity;
  searchText: string;
  lastActivityAt: number;
}

function emptyActivity(): TicketActivity {
  return { last: null, count: 0, customerCount: 0, conversations: new Map(), rev: 0 };
}

function searchTextOf(ticket: InboxTicket): string {
  const number = formatTicketNumber(ticket.number);
  return [ticket.subject, number ?? '', ticket.customerName].join('\n').toLowerCase();
}

/** When a ticket last changed: created, its status set, or its last message. */
function lastActivityOf(ticket: InboxTicket, activity: TicketActivity): number {
  return Math.max(ticket.createdAt, ticket.statusChangedAt, activity.last?.createdAt ?? 0);
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
  /**
   * The ids counted per ticket (as hashes, id-hash.ts), so a message seen twice (full read, then its change
   * event) counts once. A restored index keeps each ticket's as the stored array until a message of that ticket
   * arrives: building 50,000 sets' entries at start would only delay the first rows.
   */
  private readonly messageIds = new Map<string, Set<number> | readonly number[]>();
  private sorted: InboxEntry[] | null = null;

  /** Adds or replaces a ticket. */
  putTicket(doc: TicketDoc | InboxTicket): void {
    const { description, ...ticket } = doc as TicketDoc;
    void description;
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
    const hash = idHash(message.id);
    if (ids.has(hash)) return;
    ids.add(hash);
    const activity = this.activityOf(message.ticketId);
    activity.count += 1;
    activity.rev += 1;
    if (message.authorRole === 'customer') activity.customerCount += 1;
    if (!activity.last || message.createdAt >= activity.last.createdAt) {
      const { authorName, authorRole, body, createdAt, visibility } = message;
      activity.last = { authorName, authorRole, body: body.slice(0, PREVIEW_CHARS), createdAt, visibility };
    }
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

  /** The index as JSON. */
  toJSON(): InboxIndexJson {
    return {
      tickets: [...this.entries.values()].map((e) => ticketToTuple(e.ticket)),
      activity: [...this.activity].map(([ticketId, a]) => [
        ticketId,
        a.last && messageToTuple(a.last),
        a.count,
        a.customerCount,
        [...a.conversations].map(([id, c]): [string, Channel, number] => [id, c.channel, c.startedAt]),
        [...(this.messageIds.get(ticketId) ?? [])],
      ]),
    };
  }

  /** An index restored from `toJSON()`'s value (entries built directly: putTicket's copy and checks cost a start 30 ms). */
  static fromJSON(json: InboxIndexJson): InboxIndex {
    const index = new InboxIndex();
    for (const [ticketId, last, count, customerCount, conversations, ids] of json.activity) {
      const byId = new Map<string, { channel: Channel; startedAt: number }>();
      for (const [id, channel, startedAt] of conversations) byId.set(id, { channel, startedAt });
      index.activity.set(ticketId, { last: last && messageFromTuple(last), count, customerCount, rev: 1, conversations: byId });
      index.messageIds.set(ticketId, ids);
    }
    for (const tuple of json.tickets) {
      const ticket = ticketFromTuple(tuple);
      const activity = index.activityOf(ticket.id);
      index.entries.set(ticket.id, { ticket, activity, searchText: searchTextOf(ticket), lastActivityAt: lastActivityOf(ticket, activity) });
    }
    return index;
  }

  /** Every ticket, newest activity first (cached until something changes). */
  byActivity(): InboxEntry[] {
    this.sorted ??= [...this.entries.values()].sort(
      (x, y) => y.lastActivityAt - x.lastActivityAt || (x.ticket.id < y.ticket.id ? 1 : -1),
    );
    return this.sorted;
  }

  private idsOf(ticketId: string): Set<number> {
    const ids = this.messageIds.get(ticketId);
    if (ids instanceof Set) return ids;
    const set = new Set(ids);
    this.messageIds.set(ticketId, set);
    return set;
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
    entry.lastActivityAt = lastActivityOf(entry.ticket, entry.activity);
  }
}
