/** Writes on a full device: a plain sentence where the user acted, no pending mark for what was not written, no doubles. */
import { afterEach, describe, expect, it } from 'vitest';
import { aMessage, aTicket, ada, sam } from '../../../model/fixtures';
import { into, refuseWrites } from '../../testing/full-device';
import { openTestPortal, until, type OpenedPortal } from '../../testing/portal-fixture';

let portal: OpenedPortal | undefined;
afterEach(async () => {
  refuseWrites(null);
  await portal?.close();
  portal = undefined;
});

const request = { subject: 'Printer jams', description: 'Since Monday', message: 'It jams on every page I print.' };
const FULL = /^This device is out of storage space, so /;
const pending = (p: OpenedPortal) => p.data.sync().pendingWrites;

describe('writes on a full device', () => {
  it('a reply the device refuses rejects with the words for the composer and leaves no pending mark', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    expect(pending(portal)).toBe(1); // one request: its ticket and first message
    refuseWrites(into('messages'));
    const reply = portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'One more thing.' });
    await expect(reply).rejects.toThrow(
      'This device is out of storage space, so your reply was not saved. What you wrote is still here: free up space on this device (or allow this site more storage), then send it again.',
    );
    expect(await portal.session.db.messages.count().exec()).toBe(1);
    expect(pending(portal)).toBe(1);
    expect(Object.keys(portal.session.outbox.entries()).sort()).toEqual([`messages/${id}`, `tickets/${id}`]);

    refuseWrites(null);
    await portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'One more thing.' });
    expect(await portal.session.db.messages.count().exec()).toBe(2);
    expect(pending(portal)).toBe(2);
  });

  it('a device too full to keep the outbox says so in words (not a TypeError) and writes nothing', async () => {
    portal = await openTestPortal(ada);
    refuseWrites(() => true);
    await expect(portal.data.createTicket(request)).rejects.toThrow(
      /^This device is out of storage space, so your request was not saved\. What you wrote is still here: .* then submit it again\.$/,
    );
    expect(await portal.session.db.tickets.count().exec()).toBe(0);
    expect(pending(portal)).toBe(0);
  });

  it('a request whose ticket was written but not its first message is completed by submitting it again', async () => {
    portal = await openTestPortal(ada);
    refuseWrites(into('messages'));
    await expect(portal.data.createTicket(request)).rejects.toThrow(FULL);
    const [half] = await portal.session.db.tickets.find().exec();
    expect(half?.subject).toBe('Printer jams');
    expect(Object.keys(portal.session.outbox.entries())).toEqual([`tickets/${half!.id}`]);

    refuseWrites(null);
    const id = await portal.data.createTicket({ ...request, subject: ' Printer jams ' });
    expect(id).toBe(half!.id);
    expect(await portal.session.db.tickets.count().exec()).toBe(1);
    expect((await portal.session.db.messages.findOne(id).exec())?.body).toBe(request.message);
    expect(pending(portal)).toBe(1); // one request, in two attempts, is one thing the user did
  });

  it('a reply that reopened the ticket but could not be written is sent again once, without reopening twice', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    await portal.data.markResolved(id);
    refuseWrites(into('messages'));
    await expect(portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Back again.' })).rejects.toThrow(FULL);
    expect((await portal.session.db.tickets.findOne(id).exec())?.status).toBe('open');
    refuseWrites(null);
    await portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Back again.' });
    expect((await portal.session.db.messages.find().exec()).map((m) => m.body)).toEqual([request.message, 'Back again.']);
  });

  it('an agent’s reply, note and status change say what was not saved; an earlier unsent change stays pending', async () => {
    portal = await openTestPortal(sam);
    const agent = portal.data.agent!;
    const ticket = aTicket(ada, { id: 't-1', number: 3 });
    await portal.session.db.tickets.insert(ticket);
    await agent.setPriority('t-1', 'urgent');
    expect(portal.session.outbox.entries()['tickets/t-1']?.state).toBe('pending');

    refuseWrites(into('messages', 'tickets'));
    await expect(agent.agentReply({ ticketId: 't-1', conversationId: 't-1', channel: 'portal', body: 'On it.' }))
      .rejects.toThrow(/so your reply was not saved\. What you wrote is still here: .* then send it again\.$/);
    await expect(agent.addInternalNote({ ticketId: 't-1', body: 'Check the logs.' }))
      .rejects.toThrow(/so your note was not saved\. .* then add it again\.$/);
    await expect(agent.setStatus('t-1', 'pending'))
      .rejects.toThrow(/^This device is out of storage space, so the status was not changed\. Free up .* then change it again\.$/);
    expect((await portal.session.db.tickets.findOne('t-1').exec())?.status).toBe(ticket.status);
    expect(Object.keys(portal.session.outbox.entries())).toEqual(['tickets/t-1']);
    expect(pending(portal)).toBe(1);
  });

  it('Retry and Discard of a refused message on a full device say so, and the message stays failed with its reason', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    await portal.session.outbox.refuse(id, 'messages', 'the ticket is closed');
    refuseWrites(into('messages'));
    await expect(portal.data.retryMessage(id)).rejects.toThrow(
      'This device is out of storage space, so the message was not sent again. What you wrote is still here: free up space on this device (or allow this site more storage), then press Retry again.',
    );
    expect(portal.session.outbox.entries()[`messages/${id}`]).toMatchObject({ state: 'failed', reason: 'the ticket is closed' });
    await expect(portal.data.discardMessage(id)).rejects.toThrow(/so the message was not discarded\. .* then press Discard again\.$/);
    expect(portal.session.outbox.entries()[`messages/${id}`]).toMatchObject({ state: 'failed', reason: 'the ticket is closed' });
    expect(await portal.session.db.messages.findOne(id).exec()).not.toBeNull();

    refuseWrites(null);
    await portal.data.discardMessage(id);
    expect(await portal.session.db.messages.findOne(id).exec()).toBeNull();
    expect(portal.session.outbox.entries()[`messages/${id}`]).toBeUndefined();
  });

  it('an agent opening a ticket on a device too full to store the read mark sees it read, with no error', async () => {
    portal = await openTestPortal(sam);
    const agent = portal.data.agent!;
    const ticket = aTicket(ada, { id: 't-2', number: 4 });
    await portal.session.db.tickets.insert(ticket);
    await portal.session.db.messages.insert(aMessage(ticket, ada, { id: 'm-1', createdAt: 2_000 }));
    const unread = portal.within(() => agent.unreadCount);
    await until(unread, (n) => n === 1);
    refuseWrites(into('plugin-local-documents-'));
    await expect(agent.markRead('t-2')).resolves.toBeUndefined();
    expect(unread()).toBe(0);
  });
});
