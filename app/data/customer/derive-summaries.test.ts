/** Summaries derived from the messages on the device: last message, activity, counts, conversations, delivery. */
import { describe, expect, it } from 'vitest';
import { ada, aMessage, aTicket, sam } from '../../model/fixtures';
import { deliveryOf, summarizeConversations, summarizeTickets } from './derive-summaries';

const older = aTicket(ada, { id: 't-old', createdAt: 1_000, statusChangedAt: 1_000 });
const newer = aTicket(ada, { id: 't-new', createdAt: 5_000, statusChangedAt: 5_000 });

describe('derived summaries', () => {
  it('puts the ticket with the newest activity first, with its last message and count', () => {
    const messages = [
      aMessage(older, ada, { id: 'm1', body: 'First', createdAt: 1_000 }),
      aMessage(newer, ada, { id: 'm2', body: 'Hello', createdAt: 5_000 }),
      aMessage(older, sam, { id: 'm3', body: 'Fixed it', createdAt: 9_000, authorRole: 'agent' }),
    ];
    const [first, second] = summarizeTickets([newer, older], messages);
    expect(first).toMatchObject({
      id: 't-old', messageCount: 2, lastActivityAt: 9_000,
      lastMessage: { authorName: sam.name, authorRole: 'agent', body: 'Fixed it', createdAt: 9_000 },
    });
    expect(second).toMatchObject({ id: 't-new', messageCount: 1, lastActivityAt: 5_000 });
  });

  it('counts a status change as activity and handles a ticket without messages', () => {
    const moved = { ...older, statusChangedAt: 20_000 };
    expect(summarizeTickets([newer, moved], [])[0]).toMatchObject({ id: 't-old', lastMessage: null, messageCount: 0, lastActivityAt: 20_000 });
  });

  it('groups conversations by id in the order they started', () => {
    const messages = [
      aMessage(older, ada, { id: 'a', conversationId: 'email-1', channel: 'email', createdAt: 1 }),
      aMessage(older, sam, { id: 'b', conversationId: 'chat-1', channel: 'chat', createdAt: 2 }),
      aMessage(older, ada, { id: 'c', conversationId: 'email-1', channel: 'email', createdAt: 3 }),
    ];
    expect(summarizeConversations(messages)).toEqual([
      { id: 'email-1', channel: 'email', messageCount: 2, lastActivityAt: 3 },
      { id: 'chat-1', channel: 'chat', messageCount: 1, lastActivityAt: 2 },
    ]);
  });

  it('states delivery from the outbox', () => {
    expect(deliveryOf(undefined)).toEqual({ state: 'sent' });
    expect(deliveryOf({ collection: 'messages', state: 'pending', at: 1 })).toEqual({ state: 'sending' });
    expect(deliveryOf({ collection: 'messages', state: 'failed', reason: 'closed', at: 1 })).toEqual({ state: 'failed', reason: 'closed' });
  });

  it('summarizes 500 tickets with 5 000 messages quickly', () => {
    const tickets = Array.from({ length: 500 }, (_, i) => aTicket(ada, { id: `t${i}`, createdAt: i, statusChangedAt: i }));
    const messages = Array.from({ length: 5_000 }, (_, i) => aMessage(tickets[i % 500]!, ada, { id: `m${i}`, createdAt: 1_000 + i }));
    const start = performance.now();
    const summaries = summarizeTickets(tickets, messages);
    expect(performance.now() - start).toBeLessThan(100);
    expect(summaries).toHaveLength(500);
    expect(summaries[0]!.messageCount).toBe(10);
  });
});
