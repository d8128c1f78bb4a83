/** Every row of ARCHITECTURE.md's "Who writes what" table, as the shared checks see it. */
import { describe, expect, it } from 'vitest';
import { ada, aMessage, aTicket, grace, sam } from './fixtures';
import { messageWriteError, ticketWriteError } from './write-rules';

describe('ticket writes by a customer', () => {
  it('creates an open, medium ticket for themselves', () => {
    expect(ticketWriteError(ada, null, aTicket(ada))).toBeNull();
  });

  it.each([
    ['another customer', { customerId: grace.id }, 'yourself'],
    ['a number', { number: 7 }, 'server'],
    ['a status other than open', { status: 'pending' as const }, 'starts open'],
    ['a priority', { priority: 'urgent' as const }, 'agent'],
    ['an assignee', { assigneeId: sam.id }, 'agent'],
    ['a short subject', { subject: ' ab ' }, 'at least 3'],
    ['an unknown schema version', { schemaVersion: 99 }, 'schemaVersion'],
  ])('refuses a new ticket with %s', (_what, overrides, reason) => {
    expect(ticketWriteError(ada, null, aTicket(ada, overrides))).toContain(reason);
  });

  it('marks resolved and reopens from pending or resolved, but never touches closed', () => {
    const open = aTicket(ada, { number: 3 });
    expect(ticketWriteError(ada, open, { ...open, status: 'resolved' })).toBeNull();
    expect(ticketWriteError(ada, { ...open, status: 'pending' }, open)).toBeNull();
    expect(ticketWriteError(ada, { ...open, status: 'resolved' }, open)).toBeNull();
    expect(ticketWriteError(ada, open, { ...open, status: 'closed' })).toContain('cannot be changed');
    expect(ticketWriteError(ada, open, { ...open, status: 'pending' })).toContain('cannot be changed');
    expect(ticketWriteError(ada, { ...open, status: 'closed' }, open)).toContain('closed');
  });

  it('leaves agent-owned and server-owned fields alone after creation', () => {
    const stored = aTicket(ada, { number: 3 });
    expect(ticketWriteError(ada, stored, { ...stored, subject: 'Changed subject' })).toContain('agent');
    expect(ticketWriteError(ada, stored, { ...stored, priority: 'high' })).toContain('agent');
    expect(ticketWriteError(ada, stored, { ...stored, number: 4 })).toContain('server');
    expect(ticketWriteError(ada, stored, { ...stored, customerName: 'Someone else' })).toContain('server');
    expect(ticketWriteError(ada, stored, { ...stored, customerId: grace.id })).toContain('customerId');
  });

  it('accepts the placeholder number while the device has not seen the assigned one', () => {
    const stored = aTicket(ada, { number: 3 });
    expect(ticketWriteError(ada, stored, { ...stored, number: null, status: 'resolved' })).toBeNull();
  });
});

describe('ticket writes by an agent', () => {
  it('changes status, priority, assignee and subject', () => {
    const stored = aTicket(ada, { number: 3 });
    const next = { ...stored, status: 'closed' as const, priority: 'urgent' as const, assigneeId: sam.id, subject: 'New' };
    expect(ticketWriteError(sam, stored, next)).toBeNull();
  });

  it('never sets the number or moves a ticket to another customer', () => {
    const stored = aTicket(ada, { number: 3 });
    expect(ticketWriteError(sam, stored, { ...stored, number: 9 })).toContain('server');
    expect(ticketWriteError(sam, stored, { ...stored, customerId: grace.id })).toContain('customerId');
  });
});

describe('message writes', () => {
  const ticket = aTicket(ada, { number: 3 });

  it('lets a customer reply briefly on their own ticket, even before the ticket reached the server', () => {
    expect(messageWriteError(ada, null, aMessage(ticket, ada), ticket)).toBeNull();
    expect(messageWriteError(ada, null, aMessage(ticket, ada), null)).toBeNull();
  });

  it('asks 10 characters of a new request’s first message', () => {
    const first = aMessage(ticket, ada, { id: ticket.id, body: 'Too short' });
    expect(messageWriteError(ada, null, first, ticket)).toContain('at least 10');
    expect(messageWriteError(ada, null, { ...first, body: 'Long enough now' }, ticket)).toBeNull();
  });

  it.each([
    ['on another customer’s ticket', { customerId: grace.id }, 'ticket'],
    ['as an agent', { authorRole: 'agent' as const }, 'yourself'],
    ['as somebody else', { authorId: grace.id }, 'yourself'],
    ['as an internal note', { visibility: 'internal' as const }, 'agents'],
    ['as the system', { authorRole: 'system' as const }, 'server'],
    ['empty', { body: '   ' }, 'reply'],
  ])('refuses a customer message %s', (_what, overrides, reason) => {
    expect(messageWriteError(ada, null, aMessage(ticket, ada, overrides), ticket)).toContain(reason);
  });

  it('refuses a customer reply on a closed ticket', () => {
    const closed = { ...ticket, status: 'closed' as const };
    expect(messageWriteError(ada, null, aMessage(closed, ada), closed)).toContain('closed');
  });

  it('lets an agent write notes and replies but not system messages or as another agent', () => {
    expect(messageWriteError(sam, null, aMessage(ticket, sam, { visibility: 'internal' }), ticket)).toBeNull();
    expect(messageWriteError(sam, null, aMessage(ticket, sam, { authorRole: 'system' }), ticket)).toContain('server');
    expect(messageWriteError(sam, null, aMessage(ticket, sam, { authorId: 'user-other' }), ticket)).toContain('themselves');
  });

  it('treats messages as immutable: an identical re-send passes, an edit does not', () => {
    const stored = aMessage(ticket, ada);
    expect(messageWriteError(ada, stored, { ...stored }, ticket)).toBeNull();
    expect(messageWriteError(ada, stored, { ...stored, body: 'Edited' }, ticket)).toContain('edited');
    expect(messageWriteError(sam, stored, { ...stored, body: 'Edited' }, ticket)).toContain('edited');
  });
});
