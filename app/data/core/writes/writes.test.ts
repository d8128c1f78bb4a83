/** Writes on the device: validated before writing, the right documents, reopen on reply, resolve. */
import { afterEach, describe, expect, it } from 'vitest';
import { ada } from '../../../model/fixtures';
import { openTestPortal, until, type OpenedPortal } from '../../testing/portal-fixture';

let portal: OpenedPortal;
afterEach(async () => portal?.close());

const request = { subject: 'Printer jams', description: 'Since Monday', message: 'It jams on every page I print.' };

describe('writes', () => {
  it('creates a ticket and its first portal message with the ticket id', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    const ticket = (await portal.session.db.tickets.findOne(id).exec())!.toJSON();
    const message = (await portal.session.db.messages.findOne(id).exec())!.toJSON();
    expect(ticket).toMatchObject({
      id, customerId: ada.id, customerName: ada.name, number: null, subject: 'Printer jams', status: 'open',
      priority: 'medium', assigneeId: null, schemaVersion: 1,
    });
    expect(message).toMatchObject({
      id, ticketId: id, conversationId: id, channel: 'portal', visibility: 'public', authorRole: 'customer',
      authorId: ada.id, authorName: ada.name, body: request.message,
    });
    expect(portal.data.sync().pendingWrites).toBe(1); // one request: its ticket and first message count once
  });

  it('refuses invalid input with the words shown at the field, writing nothing', async () => {
    portal = await openTestPortal(ada);
    await expect(portal.data.createTicket({ ...request, subject: 'ab' })).rejects.toThrow('The subject must be at least 3 characters.');
    await expect(portal.data.createTicket({ ...request, message: 'Too short' })).rejects.toThrow('The message must be at least 10 characters.');
    expect(await portal.session.db.tickets.count().exec()).toBe(0);
    const id = await portal.data.createTicket(request);
    await expect(portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: '  ' })).rejects.toThrow('Write a reply first.');
    await expect(portal.data.reply({ ticketId: 'nope', conversationId: 'nope', channel: 'portal', body: 'Hi' })).rejects.toThrow('not on this device');
    await expect(portal.data.reply({ ticketId: id, conversationId: 'other', channel: 'email', body: 'Hi' })).rejects.toThrow('conversation');
  });

  it('reopens a pending or resolved ticket on reply, and marks resolved', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    const ticket = portal.within(() => portal.data.ticket(id));
    await portal.data.markResolved(id);
    const resolved = await until(ticket, (t) => t?.status === 'resolved');
    expect(portal.data.sync().pendingWrites).toBe(2); // the request, then marking it resolved
    await portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Thanks!' });
    const reopened = await until(ticket, (t) => t?.status === 'open');
    // The reply and the reopen it brought are one action; the reopen replaced the resolve's mark on the ticket.
    expect(portal.data.sync().pendingWrites).toBe(2);
    expect(reopened!.statusChangedAt).toBeGreaterThan(resolved!.statusChangedAt);
    const messages = portal.within(() => portal.data.messages(id));
    const list = await until(messages, (m) => m?.length === 2);
    expect(list!.map((m) => m.body)).toEqual([request.message, 'Thanks!']);
    expect(list!.every((m) => m.delivery.state === 'sending')).toBe(true);
  });

  it('refuses a reply to a closed ticket', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    await portal.session.db.tickets.findOne(id).incrementalPatch({ status: 'closed' });
    await expect(portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Hello?' })).rejects.toThrow('closed');
    await expect(portal.data.markResolved(id)).rejects.toThrow('closed');
  });
});
