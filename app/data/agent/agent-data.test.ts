/** The agent's data on one device (no server): inbox from the device's copy, unread per device, thread, writes, agents list. */
import { afterEach, describe, expect, it } from 'vitest';
import { aMessage, aTicket, ada, sam } from '../../model/fixtures';
import type { MessageDoc, TicketDoc } from '../../model';
import { ALL_TICKETS, type AgentData, type InboxFilter } from './agent-types';
import { createSignal } from 'solid-js';
import { freshStorage, openTestPortal, until, type OpenedPortal } from '../testing/portal-fixture';

let portal: OpenedPortal | undefined;
afterEach(async () => {
  await portal?.close();
  portal = undefined;
});

const ticket = aTicket(ada, { id: 't-1', number: 3, subject: 'Printer jams', createdAt: 1_000, statusChangedAt: 1_000 });

async function openAgent(storage = freshStorage()): Promise<{ agent: AgentData; portal: OpenedPortal }> {
  portal = await openTestPortal(sam, { storage });
  return { agent: portal.data.agent!, portal };
}

async function seed(p: OpenedPortal, tickets: TicketDoc[], messages: MessageDoc[]): Promise<void> {
  await p.session.db.tickets.bulkInsert(tickets);
  await p.session.db.messages.bulkInsert(messages);
}

describe('the agent inbox on the device', () => {
  it('lists every customer’s tickets and follows new messages without a reload', async () => {
    const { agent, portal: p } = await openAgent();
    expect(p.data.agent).toBe(agent);
    await seed(p, [ticket], [aMessage(ticket, ada, { id: 'm1', createdAt: 1_000, body: 'It jams.' })]);
    const [filter, setFilter] = createSignal<InboxFilter>(ALL_TICKETS);
    const list = p.within(() => agent.inbox(filter));
    await until(list, (rows) => rows?.length === 1 && rows[0]!.messageCount === 1);
    await p.session.db.messages.insert(aMessage(ticket, ada, { id: 'm2', createdAt: 2_000, body: 'Still jams.' }));
    const rows = await until(list, (r) => r?.[0]?.messageCount === 2);
    expect(rows?.[0]).toMatchObject({ customerName: 'Ada Lovelace', lastMessage: { body: 'Still jams.' }, unread: true });
    setFilter({ ...ALL_TICKETS, search: 'tk-3' });
    expect(list()).toHaveLength(1);
    setFilter({ ...ALL_TICKETS, status: 'resolved' });
    expect(list()).toEqual([]);
  });

  it('keeps read marks per device: another device still shows the ticket unread', async () => {
    const storage = freshStorage();
    const { agent, portal: p } = await openAgent(storage);
    await seed(p, [ticket], [aMessage(ticket, ada, { id: 'm1', createdAt: 1_000 })]);
    const unread = p.within(() => agent.unreadCount);
    await until(unread, (n) => n === 1);
    await agent.markRead(ticket.id);
    expect(unread()).toBe(0);
    await p.session.db.messages.insert(aMessage(ticket, ada, { id: 'm2', createdAt: 500 }));
    await until(unread, (n) => n === 1);
    await agent.markRead(ticket.id);
    await p.close();

    const again = await openAgent(storage);
    await until(again.portal.within(() => again.agent.unreadCount), (n) => n === 0);
    await again.portal.session.db.messages.insert(aMessage(ticket, ada, { id: 'm3', createdAt: 3_000 }));
    await again.agent.markRead(ticket.id);
    await until(again.portal.within(() => again.agent.unreadCount), (n) => n === 0);
    portal = await openTestPortal(sam, { storage: freshStorage() });
    const other = portal.data.agent!;
    await seed(portal, [ticket], [aMessage(ticket, ada, { id: 'm1', createdAt: 1_000 })]);
    await until(portal.within(() => other.unreadCount), (n) => n === 1);
    await again.portal.close();
  });
});

describe('agent writes', () => {
  it('replies, adds an internal note and starts a conversation, each pending in the outbox', async () => {
    const { agent, portal: p } = await openAgent();
    await seed(p, [ticket], [aMessage(ticket, ada, { id: 'm1', createdAt: 1_000 })]);
    const thread = p.within(() => agent.thread(ticket.id));
    await until(thread, (t) => t?.messages.length === 1);

    await agent.agentReply({ ticketId: ticket.id, conversationId: ticket.id, channel: 'portal', body: ' We are on it. ' });
    await agent.addInternalNote({ ticketId: ticket.id, body: 'Customer is on the old firmware.' });
    const chat = await agent.startConversation({ ticketId: ticket.id, channel: 'chat', body: 'Hi Ada, can we chat?' });
    const t = (await until(thread, (v) => v?.messages.length === 4))!;
    expect(t.messages.map((m) => [m.authorRole, m.visibility, m.channel, m.body, m.delivery.state])).toEqual([
      ['customer', 'public', 'portal', 'Thanks!', 'sent'],
      ['agent', 'public', 'portal', 'We are on it.', 'sending'],
      ['agent', 'internal', 'portal', 'Customer is on the old firmware.', 'sending'],
      ['agent', 'public', 'chat', 'Hi Ada, can we chat?', 'sending'],
    ]);
    expect(t.messages[1]).toMatchObject({ authorId: sam.id, authorName: sam.name, customerId: ada.id });
    expect(t.conversations.map((c) => [c.id, c.channel, c.messageCount])).toEqual([[ticket.id, 'portal', 2], [chat, 'chat', 1]]);
    expect(p.data.sync().pendingWrites).toBe(3);

    await expect(agent.agentReply({ ticketId: ticket.id, conversationId: 'nope', channel: 'email', body: 'x' }))
      .rejects.toThrow('This conversation does not belong to the ticket.');
    await expect(agent.addInternalNote({ ticketId: ticket.id, body: '   ' })).rejects.toThrow();
    await expect(agent.agentReply({ ticketId: 'missing', conversationId: 'missing', channel: 'portal', body: 'Hello' }))
      .rejects.toThrow('This ticket is not on this device.');
  });

  it('starts an email conversation whose first message names its files', async () => {
    const { agent, portal: p } = await openAgent();
    await seed(p, [ticket], []);
    const label = new File(['%PDF-1.7 label'], 'return label.pdf', { type: 'application/pdf' });
    const email = await agent.startConversation({ ticketId: ticket.id, channel: 'email', body: 'Your return label is attached.', files: [label] });
    const stored = (await p.session.db.messages.findOne({ selector: { conversationId: email } }).exec())!.toJSON();
    expect(stored.attachments).toEqual([expect.objectContaining({ name: 'return label.pdf', type: 'application/pdf', size: label.size })]);
    expect(await (await p.data.attachmentBlob(stored.attachments![0]!)).text()).toBe('%PDF-1.7 label');
  });

  it('sets status (stamped later), priority and assignee, and the inbox follows', async () => {
    const { agent, portal: p } = await openAgent();
    await seed(p, [{ ...ticket, statusChangedAt: Date.now() + 60_000 }], []);
    const [filter] = createSignal<InboxFilter>({ ...ALL_TICKETS, assignedToMe: true });
    const mine = p.within(() => agent.inbox(filter));
    await until(mine, (rows) => rows?.length === 0);
    await agent.setStatus(ticket.id, 'pending');
    await agent.setPriority(ticket.id, 'urgent');
    await agent.setAssignee(ticket.id, sam.id);
    const [row] = (await until(mine, (rows) => rows?.length === 1))!;
    expect(row!.ticket).toMatchObject({ status: 'pending', priority: 'urgent', assigneeId: sam.id });
    expect(row!.ticket.statusChangedAt).toBeGreaterThan(Date.now() + 59_000);
    await agent.setAssignee(ticket.id, null);
    await until(mine, (rows) => rows?.length === 0);
    await expect(agent.setPriority(ticket.id, 'whenever' as never)).rejects.toThrow('whenever is not a priority.');
    await expect(agent.setStatus(ticket.id, 'gone' as never)).rejects.toThrow('gone is not a status.');
  });

  it('is not offered to a customer', async () => {
    portal = await openTestPortal(ada);
    expect(portal.data.agent).toBeNull();
  });
});
