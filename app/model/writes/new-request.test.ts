/** A new request: what the builder makes passes the rules the server applies; another role's or a tampered copy does not. */
import { describe, expect, it } from 'vitest';
import { ada, aMessage, aNamedFile, aTicket, aWriteContext, grace, sam } from '../fixtures';
import { buildFirstMessage, buildNewRequest } from './new-request';
import { messageWriteError, ticketWriteError } from './write-rules';

const form = { subject: ' Printer jams ', description: ' Since Monday ', message: ' It jams on every page. ' };

describe('a new request', () => {
  it('builds an open, medium, unassigned ticket and its first message under the ticket’s id, which the rules accept', () => {
    const { ticket, message } = buildNewRequest(form, aWriteContext(ada));
    expect(ticket).toMatchObject({
      id: 'id-1', customerId: ada.id, customerName: ada.name, number: null, subject: 'Printer jams',
      description: 'Since Monday', status: 'open', priority: 'medium', assigneeId: null, createdAt: 5_000, statusChangedAt: 5_000,
    });
    expect(message).toMatchObject({
      id: 'id-1', ticketId: 'id-1', conversationId: 'id-1', channel: 'portal', visibility: 'public',
      authorRole: 'customer', authorId: ada.id, body: 'It jams on every page.', createdAt: 5_000,
    });
    expect(ticketWriteError(ada, null, ticket)).toBeNull();
    expect(messageWriteError(ada, null, message, ticket)).toBeNull();
    expect(messageWriteError(ada, null, message, null)).toBeNull();
  });

  it('completes a half-written request with a first message on the ticket already there', () => {
    const earlier = aTicket(ada, { id: 'ticket-9' });
    const message = buildFirstMessage(earlier, 'It still jams on every page.', aWriteContext(ada));
    expect(message).toMatchObject({ id: 'ticket-9', conversationId: 'ticket-9' });
    expect(messageWriteError(ada, null, message, earlier)).toBeNull();
  });

  it.each([
    ['another customer', { customerId: grace.id }, 'a ticket can only be created for yourself'],
    ['a number', { number: 7 }, 'the ticket number is assigned by the server'],
    ['a status other than open', { status: 'pending' as const }, 'a new ticket starts open'],
    ['a priority', { priority: 'urgent' as const }, 'the priority is set by an agent'],
    ['an assignee', { assigneeId: sam.id }, 'the assignee is set by an agent'],
    ['a short subject', { subject: ' ab ' }, 'The subject must be at least 3 characters.'],
    ['an unknown schema version', { schemaVersion: 99 }, 'schemaVersion 99 is not supported; update the app'],
  ])('refuses a customer’s new ticket with %s', (_what, tampered, reason) => {
    const { ticket } = buildNewRequest(form, aWriteContext(ada));
    expect(ticketWriteError(ada, null, { ...ticket, ...tampered })).toBe(reason);
  });

  it('refuses another customer’s request pushed as theirs, ticket and message', () => {
    const { ticket, message } = buildNewRequest(form, aWriteContext(ada));
    expect(ticketWriteError(grace, null, ticket)).toBe('a ticket can only be created for yourself');
    expect(messageWriteError(grace, null, message, ticket)).toBe('you can only write on your own tickets');
  });

  it('lets an agent open one for a customer with any status, priority and assignee, under the text rules', () => {
    const ticket = aTicket(ada, { status: 'pending', priority: 'high', assigneeId: sam.id });
    expect(ticketWriteError(sam, null, ticket)).toBeNull();
    expect(ticketWriteError(sam, null, { ...ticket, subject: 'ab' })).toContain('at least 3');
  });

  it('asks 10 characters of the first message, and 1 of a reply', () => {
    const { ticket, message } = buildNewRequest({ ...form, message: 'Too short' }, aWriteContext(ada));
    expect(messageWriteError(ada, null, message, ticket)).toBe('The message must be at least 10 characters.');
    expect(messageWriteError(ada, null, aMessage(ticket, ada, { id: 'id-9', body: 'Too short' }), ticket)).toBeNull();
  });

  it('leaves the request’s text to agents after creation, under the same text rules', () => {
    const stored = aTicket(ada, { number: 3 });
    expect(ticketWriteError(ada, stored, { ...stored, subject: 'Changed subject' })).toBe('subject is changed by an agent');
    expect(ticketWriteError(ada, stored, { ...stored, description: 'More' })).toBe('description is changed by an agent');
    expect(ticketWriteError(sam, stored, { ...stored, subject: 'Changed subject', description: 'More' })).toBeNull();
    expect(ticketWriteError(sam, stored, { ...stored, subject: 'ab' })).toContain('at least 3');
  });
});

describe('a new request that names files', () => {
  it('names them on its first message, which the rules accept', () => {
    const { ticket, message } = buildNewRequest({ ...form, attachments: [aNamedFile({ name: 'C:\\scans\\invoice.pdf', type: 'application/pdf' })] }, aWriteContext(ada));
    expect(message.attachments).toEqual([aNamedFile({ name: 'invoice.pdf', type: 'application/pdf' })]);
    expect(messageWriteError(ada, null, message, ticket)).toBeNull();
  });

  it('refuses more files than the limit, and a malformed entry pushed as it is', () => {
    const { ticket, message } = buildNewRequest({ ...form, attachments: [aNamedFile(), aNamedFile({ id: 'file-2' })] }, aWriteContext(ada));
    expect(messageWriteError(ada, null, message, ticket, { maxFiles: 1, maxBytes: 4_096 })).toBe('a message may name at most 1 file');
    const tampered = { ...message, attachments: [aNamedFile({ sha256: 'not-a-hash' })] };
    expect(messageWriteError(ada, null, tampered, ticket)).toBe('the message names a file whose sha256 is not 64 lowercase hex digits');
  });
});
