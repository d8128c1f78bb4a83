/** Pure derivations from the messages on the device: ticket summaries, conversations, delivery states. */
import type { MessageDoc, TicketDoc } from '../../model';
import type { OutboxEntry } from '../core/replication/outbox-store';
import type { ConversationSummary, Delivery, TicketSummary } from '../bridge/types';

interface Activity {
  last: MessageDoc;
  count: number;
}

/** The last message and count per ticket, from messages sorted oldest first. */
export function activityByTicket(messages: readonly MessageDoc[]): Map<string, Activity> {
  const byTicket = new Map<string, Activity>();
  for (const message of messages) {
    const current = byTicket.get(message.ticketId);
    if (!current) byTicket.set(message.ticketId, { last: message, count: 1 });
    else {
      current.count += 1;
      if (message.createdAt >= current.last.createdAt) current.last = message;
    }
  }
  return byTicket;
}

/** The bodies of each ticket's messages, in the order given. */
export function bodiesByTicket(messages: readonly MessageDoc[]): Map<string, string[]> {
  const byTicket = new Map<string, string[]>();
  for (const message of messages) {
    const bodies = byTicket.get(message.ticketId);
    if (bodies) bodies.push(message.body);
    else byTicket.set(message.ticketId, [message.body]);
  }
  return byTicket;
}

/** A ticket summary without its search text, which the caller builds only for rows that changed. */
export type TicketActivitySummary = Omit<TicketSummary, 'searchText'>;

/** Ticket summaries, newest activity first. */
export function summarizeTickets(tickets: readonly TicketDoc[], messages: readonly MessageDoc[]): TicketActivitySummary[] {
  const activity = activityByTicket(messages);
  return tickets
    .map((ticket): TicketActivitySummary => {
      const a = activity.get(ticket.id);
      const last = a?.last;
      return {
        ...ticket,
        lastMessage: last
          ? { authorName: last.authorName, authorRole: last.authorRole, body: last.body, createdAt: last.createdAt }
          : null,
        lastActivityAt: Math.max(ticket.createdAt, ticket.statusChangedAt, last?.createdAt ?? 0),
        messageCount: a?.count ?? 0,
      };
    })
    .sort((x, y) => y.lastActivityAt - x.lastActivityAt || (x.id < y.id ? 1 : -1));
}

/** A ticket's conversations in the order they started, from its messages sorted oldest first. */
export function summarizeConversations(messages: readonly MessageDoc[]): ConversationSummary[] {
  const byId = new Map<string, ConversationSummary>();
  for (const message of messages) {
    const current = byId.get(message.conversationId);
    if (!current) {
      byId.set(message.conversationId, {
        id: message.conversationId, channel: message.channel, messageCount: 1, lastActivityAt: message.createdAt,
      });
    } else {
      current.messageCount += 1;
      current.lastActivityAt = Math.max(current.lastActivityAt, message.createdAt);
    }
  }
  return [...byId.values()];
}

/** A message's delivery, from the outbox: unsettled writes are sending, refused ones failed. */
export function deliveryOf(entry: OutboxEntry | undefined, offline = false): Delivery {
  if (!entry) return { state: 'sent' };
  if (entry.state === 'failed') return { state: 'failed', reason: entry.reason ?? 'The server refused this message.' };
  // Nothing is being sent while there is no network: it waits for it, and says so.
  return offline ? { state: 'waiting' } : { state: 'sending' };
}

/**
 * Where the customer's rating of a ticket is (from its outbox entry, when that entry is the rating's): waiting for
 * a network, sending, or refused with the server's reason; `null` when no rating of it is unsettled.
 */
export function ratingDeliveryOf(entry: OutboxEntry | undefined, offline = false): Delivery | null {
  if (entry?.write !== 'rating') return null;
  if (entry.state === 'failed') return { state: 'failed', reason: entry.reason ?? 'The server refused this rating.' };
  return offline ? { state: 'waiting' } : { state: 'sending' };
}
