/** The dispatcher: what holds for every write (schema version, server-owned and fixed fields, immutable messages), and several writes in one document. */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../constants';
import { ada, aMessage, aNamedFile, aTicket, grace, sam } from '../fixtures';
import { buildPriorityChange } from './priority-change';
import { buildStatusChange } from './status-change';
import { messageWriteError, ticketWriteError } from './write-rules';

const stored = aTicket(ada, { number: 3 });

describe('every ticket write', () => {
  it('accepts the current and the previous schema version only', () => {
    expect(ticketWriteError(ada, null, aTicket(ada, { schemaVersion: SCHEMA_VERSION - 1 }))).toBeNull();
    expect(ticketWriteError(sam, stored, { ...stored, schemaVersion: 99 })).toBe('schemaVersion 99 is not supported; update the app');
  });

  it('never lets anyone set the number or the customer name, or move a ticket to another customer', () => {
    for (const user of [ada, sam]) {
      expect(ticketWriteError(user, stored, { ...stored, number: 4 })).toBe('the ticket number is assigned by the server');
      expect(ticketWriteError(user, stored, { ...stored, customerName: 'Someone else' })).toBe('the customer name is set by the server');
      expect(ticketWriteError(user, stored, { ...stored, customerId: grace.id })).toBe('customerId cannot be changed');
      expect(ticketWriteError(user, stored, { ...stored, createdAt: 7 })).toBe('createdAt cannot be changed');
    }
    expect(ticketWriteError(sam, null, aTicket(ada, { number: 3 }))).toBe('the ticket number is assigned by the server');
  });

  it('accepts the placeholder number and name while the device has not seen the assigned ones', () => {
    expect(ticketWriteError(ada, stored, { ...stored, number: null, customerName: '', status: 'resolved' })).toBeNull();
  });
});

describe('several writes in one document (replication sends a ticket’s latest state)', () => {
  it('lets an agent change status, priority, assignee and subject at once', () => {
    const next = { ...stored, status: 'closed' as const, priority: 'urgent' as const, assigneeId: sam.id, subject: 'New' };
    expect(ticketWriteError(sam, stored, next)).toBeNull();
  });

  it('refuses a customer’s mark resolved carrying an agent’s priority change, naming the field', () => {
    const next = buildPriorityChange(buildStatusChange(stored, 'resolved', 20_000)!, 'high')!;
    expect(ticketWriteError(sam, stored, next)).toBeNull();
    expect(ticketWriteError(ada, stored, next)).toBe('priority is changed by an agent');
  });
});

describe('every message write', () => {
  it('treats messages as immutable: an identical re-send passes, an edit does not', () => {
    const message = aMessage(stored, ada);
    expect(messageWriteError(ada, message, { ...message }, stored)).toBeNull();
    expect(messageWriteError(ada, message, { ...message, body: 'Edited' }, stored)).toBe('messages cannot be edited');
    expect(messageWriteError(sam, message, { ...message, body: 'Edited' }, stored)).toBe('messages cannot be edited');
  });

  it('lets a message that names files be sent again as it was, never with files added, changed or dropped', () => {
    const naming = aMessage(stored, ada, { attachments: [aNamedFile()] });
    expect(messageWriteError(ada, naming, { ...naming, attachments: [aNamedFile()] }, stored)).toBeNull();
    expect(messageWriteError(ada, aMessage(stored, ada), naming, stored)).toBe('messages cannot be edited');
    expect(messageWriteError(ada, naming, { ...naming, attachments: [aNamedFile({ size: 1 })] }, stored)).toBe('messages cannot be edited');
    expect(messageWriteError(ada, naming, aMessage(stored, ada), stored)).toBe('messages cannot be edited');
  });

  it('accepts the previous schema version only besides the current one', () => {
    expect(messageWriteError(ada, null, aMessage(stored, ada, { schemaVersion: SCHEMA_VERSION - 1 }), stored)).toBeNull();
    expect(messageWriteError(ada, null, aMessage(stored, ada, { schemaVersion: 99 }), stored)).toContain('schemaVersion');
  });
});
