/** Writes on the device: validated before writing, the right documents, reopen on reply, resolve. */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ada } from '../../../model/fixtures';
import { openTestPortal, until, type OpenedPortal } from '../../testing/portal-fixture';

let portal: OpenedPortal;
afterEach(async () => portal?.close());

const request = { subject: 'Printer jams', description: 'Since Monday', message: 'It jams on every page I print.' };

describe('writes', () => {
  it('names files within the limits the server last told, and refuses one too many before writing anything', async () => {
    localStorage.setItem('harbor.branding', JSON.stringify({ name: 'Acme', primaryColor: '#4f46e5', logoUrl: null, attachmentMaxFiles: 1 }));
    portal = await openTestPortal(ada);
    const { writes } = portal.session.device;
    const invoice = new File(['%PDF-1.7 invoice'], 'scans/invoice.pdf', { type: 'application/pdf' });
    const id = await writes.createTicket({ ...request, files: [invoice] });
    const first = (await portal.session.db.messages.findOne(id).exec())!.toJSON();
    expect(first).toMatchObject({
      schemaVersion: 2,
      attachments: [{ name: 'invoice.pdf', type: 'application/pdf', size: invoice.size, sha256: createHash('sha256').update('%PDF-1.7 invoice').digest('hex') }],
    });
    // The bytes are kept on the device with the message: readable before (and without) any upload.
    expect(await (await portal.data.attachmentBlob(first.attachments![0]!)).text()).toBe('%PDF-1.7 invoice');
    const pending = portal.data.sync().pendingWrites;
    const twoFiles = [new File(['a'], 'a.txt'), new File(['b'], 'b.txt')];
    await expect(writes.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Two more', files: twoFiles }))
      .rejects.toThrow('A message may name at most 1 file');
    expect(await portal.session.db.messages.count().exec()).toBe(1);
    expect(portal.data.sync().pendingWrites).toBe(pending);
    localStorage.removeItem('harbor.branding');
  });

  it('creates a ticket and its first portal message with the ticket id', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    const ticket = (await portal.session.db.tickets.findOne(id).exec())!.toJSON();
    const message = (await portal.session.db.messages.findOne(id).exec())!.toJSON();
    expect(ticket).toMatchObject({
      id, customerId: ada.id, customerName: ada.name, number: null, subject: 'Printer jams', status: 'open',
      priority: 'medium', assigneeId: null, schemaVersion: 2,
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
