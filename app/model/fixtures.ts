/** Document builders for tests of the model, the server and the device: valid by default, overridable. */
import { SCHEMA_VERSION } from './constants';
import type { MessageAttachment, MessageDoc } from './message.schema';
import type { TicketDoc } from './ticket.schema';
import type { SessionUser } from './user';
import type { WriteContext } from './writes/write-types';

/** A customer and an agent to write as. */
export const ada: SessionUser = { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', role: 'customer' };
export const grace: SessionUser = { id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com', role: 'customer' };
export const sam: SessionUser = { id: 'user-sam', name: 'Sam Rivera', email: 'sam@example.com', role: 'agent' };

/** A valid new ticket of `customer`. */
export function aTicket(customer: SessionUser = ada, overrides: Partial<TicketDoc> = {}): TicketDoc {
  return {
    id: 'ticket-1',
    schemaVersion: SCHEMA_VERSION,
    customerId: customer.id,
    customerName: customer.name,
    number: null,
    subject: 'Invoice shows the wrong VAT number',
    description: '',
    status: 'open',
    statusChangedAt: 1_000,
    priority: 'medium',
    assigneeId: null,
    createdAt: 1_000,
    ...overrides,
  };
}

/** A valid customer reply on `ticket`'s first conversation. */
export function aMessage(ticket: TicketDoc, author: SessionUser, overrides: Partial<MessageDoc> = {}): MessageDoc {
  return {
    id: 'message-1',
    schemaVersion: SCHEMA_VERSION,
    ticketId: ticket.id,
    customerId: ticket.customerId,
    conversationId: ticket.id,
    channel: 'portal',
    visibility: 'public',
    authorRole: author.role,
    authorId: author.id,
    authorName: author.name,
    body: 'Thanks!',
    createdAt: 2_000,
    ...overrides,
  };
}

/** A file as a message names it (a well-formed entry; its upload is the server's to check). */
export function aNamedFile(overrides: Partial<MessageAttachment> = {}): MessageAttachment {
  return { id: 'file-1', name: 'screenshot.png', type: 'image/png', size: 2_048, sha256: 'ab'.repeat(32), ...overrides };
}

/** A builder's context for `user` at a fixed time, with ids `id-1`, `id-2`, … in order. */
export function aWriteContext(user: SessionUser, now = 5_000): WriteContext {
  let count = 0;
  return { user, now, newId: () => `id-${++count}` };
}
