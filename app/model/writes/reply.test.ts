/** Replies and notes: what the builders make passes the rules the server applies; another role's or a tampered copy does not. */
import { describe, expect, it } from 'vitest';
import { ada, aMessage, aNamedFile, aTicket, aWriteContext, grace, sam } from '../fixtures';
import { buildAgentMessage, buildCustomerReply } from './reply';
import { messageWriteError, ticketWriteError } from './write-rules';

const ticket = aTicket(ada, { number: 3, statusChangedAt: 1_000 });
const customerReply = (on = ticket) =>
  buildCustomerReply({ ticket: on, conversationId: on.id, channel: 'portal', body: ' Thanks! ' }, aWriteContext(ada));

describe('a customer’s reply', () => {
  it('builds a public message as the customer, which the rules accept, even before the ticket reached the server', () => {
    const { message, reopened } = customerReply();
    expect(message).toMatchObject({
      id: 'id-1', ticketId: ticket.id, customerId: ada.id, conversationId: ticket.id, visibility: 'public',
      authorRole: 'customer', authorId: ada.id, authorName: ada.name, body: 'Thanks!', createdAt: 5_000,
    });
    expect(reopened).toBeNull();
    expect(messageWriteError(ada, null, message, ticket)).toBeNull();
    expect(messageWriteError(ada, null, message, null)).toBeNull();
  });

  it('reopens a pending or resolved ticket, stamped later, which the rules accept', () => {
    for (const status of ['pending', 'resolved'] as const) {
      const stored = { ...ticket, status, statusChangedAt: 9_000 };
      const { reopened } = customerReply(stored);
      expect(reopened).toMatchObject({ status: 'open', statusChangedAt: 9_001 });
      expect(ticketWriteError(ada, stored, reopened!)).toBeNull();
    }
  });

  it.each([
    ['on another customer’s ticket', { customerId: grace.id }, 'the message does not belong to that ticket'],
    ['as an agent', { authorRole: 'agent' as const }, 'you can only write as yourself'],
    ['as somebody else', { authorId: grace.id }, 'you can only write as yourself'],
    ['as an internal note', { visibility: 'internal' as const }, 'internal notes are written by agents'],
    ['as the system', { authorRole: 'system' as const }, 'system messages are written by the server'],
    ['empty', { body: '   ' }, 'Write a reply first.'],
  ])('refuses a customer’s reply %s', (_what, tampered, reason) => {
    const { message } = customerReply();
    expect(messageWriteError(ada, null, { ...message, ...tampered }, ticket)).toBe(reason);
  });

  it('takes a reply of files alone, with no words', () => {
    const { message } = customerReply();
    expect(messageWriteError(ada, null, { ...message, body: '', attachments: [aNamedFile()] }, ticket)).toBeNull();
    expect(messageWriteError(ada, null, { ...message, body: '' }, ticket)).toBe('Write a reply first.');
  });

  it('refuses a reply on a closed ticket, and another customer’s reply pushed as theirs', () => {
    const closed = { ...ticket, status: 'closed' as const };
    expect(messageWriteError(ada, null, customerReply(closed).message, closed)).toBe('this ticket is closed; open a new request instead');
    expect(messageWriteError(grace, null, customerReply().message, ticket)).toBe('you can only write on your own tickets');
  });
});

describe('an agent’s reply or note', () => {
  const ctx = aWriteContext(sam);

  it('builds replies, notes and new conversations as the agent, which the rules accept', () => {
    const reply = buildAgentMessage({ ticket, conversationId: ticket.id, channel: 'email', visibility: 'public', body: 'On it' }, ctx);
    const note = buildAgentMessage({ ticket, conversationId: ticket.id, channel: 'portal', visibility: 'internal', body: 'Old firmware' }, ctx);
    const opened = buildAgentMessage({ ticket, channel: 'chat', visibility: 'public', body: 'Hi Ada' }, ctx);
    expect(reply).toMatchObject({ authorRole: 'agent', authorId: sam.id, customerId: ada.id, visibility: 'public', body: 'On it' });
    expect(note).toMatchObject({ visibility: 'internal', conversationId: ticket.id });
    expect(opened.conversationId).not.toBe(ticket.id);
    for (const message of [reply, note, opened]) expect(messageWriteError(sam, null, message, ticket)).toBeNull();
  });

  it('refuses a system message, a message as another agent, and an agent’s note pushed by a customer', () => {
    const note = buildAgentMessage({ ticket, conversationId: ticket.id, channel: 'portal', visibility: 'internal', body: 'Old firmware' }, ctx);
    expect(messageWriteError(sam, null, { ...note, authorRole: 'system' }, ticket)).toBe('system messages are written by the server');
    expect(messageWriteError(sam, null, { ...note, authorId: 'user-other' }, ticket)).toBe('agents write messages as themselves');
    expect(messageWriteError(ada, null, note, ticket)).toBe('you can only write as yourself');
    expect(messageWriteError(ada, null, { ...note, authorRole: 'customer', authorId: ada.id }, ticket)).toBe('internal notes are written by agents');
  });

  it('lets an agent write on a customer’s behalf (author role customer), never on a ticket it does not belong to', () => {
    expect(messageWriteError(sam, null, aMessage(ticket, ada, { id: 'id-7' }), ticket)).toBeNull();
    const elsewhere = aTicket(grace, { id: ticket.id });
    expect(messageWriteError(sam, null, aMessage(ticket, sam, { id: 'id-8' }), elsewhere)).toBe('the message does not belong to that ticket');
  });
});

describe('a reply that names files', () => {
  const files = [aNamedFile(), aNamedFile({ id: 'file-2', name: '../logs/boot\r\n.log', type: 'Text/Plain; charset=utf-8', sha256: 'CD'.repeat(32) })];

  it('keeps the files as the server keeps them (name sanitised, type and hash lowercase), which the rules accept', () => {
    const { message } = buildCustomerReply({ ticket, conversationId: ticket.id, channel: 'portal', body: 'See logs', attachments: files }, aWriteContext(ada));
    expect(message.attachments).toEqual([files[0], { id: 'file-2', name: 'boot__.log', type: 'text/plain', size: 2_048, sha256: 'cd'.repeat(32) }]);
    expect(messageWriteError(ada, null, message, ticket)).toBeNull();
    const note = buildAgentMessage({ ticket, conversationId: ticket.id, channel: 'portal', visibility: 'internal', body: 'Trace', attachments: files }, aWriteContext(sam));
    expect(note.attachments).toHaveLength(2);
    expect(messageWriteError(sam, null, note, ticket)).toBeNull();
  });

  it('adds no field when it names none', () => {
    const { message } = buildCustomerReply({ ticket, conversationId: ticket.id, channel: 'portal', body: 'Hi', attachments: [] }, aWriteContext(ada));
    expect('attachments' in message).toBe(false);
  });

  it('refuses more files than the limit passed in, 10 by default', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => aNamedFile({ id: `file-${i}` }));
    const build = (n: number) => buildCustomerReply({ ticket, conversationId: ticket.id, channel: 'portal', body: 'All of them', attachments: many(n) }, aWriteContext(ada)).message;
    expect(messageWriteError(ada, null, build(10), ticket)).toBeNull();
    expect(messageWriteError(ada, null, build(11), ticket)).toBe('a message may name at most 10 files');
    expect(messageWriteError(ada, null, build(3), ticket, { maxFiles: 2, maxBytes: 4_096 })).toBe('a message may name at most 2 files');
    expect(messageWriteError(ada, null, build(2), ticket, { maxFiles: 2, maxBytes: 1_024 })).toBe('a file may be at most 1,024 bytes');
  });
});
