/** A pending mark whose write never happened, and whose undo the full device would not store either: not counted now, dropped at the next open. */
import { afterEach, describe, expect, it } from 'vitest';
import { aTicket, ada, sam } from '../../../model/fixtures';
import { into, refuseWrites } from '../../testing/full-device';
import { freshStorage, openTestPortal, type OpenedPortal } from '../../testing/portal-fixture';

let portal: OpenedPortal | undefined;
afterEach(async () => {
  refuseWrites(null);
  await portal?.close();
  portal = undefined;
});

const request = { subject: 'Printer jams', description: 'Since Monday', message: 'It jams on every page I print.' };

/** Refuses every write into `parts`, and the outbox's after the first: the mark is stored, its undo is not. */
function fullAfterTheMark(...parts: string[]) {
  let outboxWrites = 0;
  const refused = into(...parts);
  const isOutbox = (value: unknown) => (value as { id?: unknown } | undefined)?.id === 'outbox';
  refuseWrites((name, value) => refused(name, value) || (isOutbox(value) && ++outboxWrites > 1));
}

async function storedKeys(p: OpenedPortal): Promise<string[]> {
  const doc = await p.session.db.getLocal<{ entries: Record<string, unknown> }>('outbox');
  return Object.keys(doc?.toJSON().data.entries ?? {}).sort();
}

describe('pending marks of writes that never happened', () => {
  it('a new message: shown as not pending at once, stored so by the next write, dropped at open if never stored', async () => {
    const storage = freshStorage();
    portal = await openTestPortal(ada, { storage });
    const id = await portal.data.createTicket(request);
    await portal.session.db.tickets.findOne(id).incrementalPatch({ number: 7 });
    await portal.session.outbox.acknowledge('tickets', [id]);
    await portal.session.outbox.acknowledge('messages', [id]);

    fullAfterTheMark('messages');
    await expect(portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Lost?' })).rejects.toThrow(/out of storage space/);
    expect(portal.data.sync().pendingWrites).toBe(0);
    expect(await storedKeys(portal)).toHaveLength(1); // the undo could not be stored

    await portal.close();
    refuseWrites(null);
    portal = await openTestPortal(ada, { storage });
    expect(portal.data.sync().pendingWrites).toBe(0);
    expect(await storedKeys(portal)).toEqual([]);
  });

  it('the next stored change carries an undo the device refused', async () => {
    portal = await openTestPortal(ada);
    const id = await portal.data.createTicket(request);
    fullAfterTheMark('messages');
    await expect(portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Lost?' })).rejects.toThrow(/out of storage space/);
    expect(await storedKeys(portal)).toHaveLength(3);
    refuseWrites(null);
    await portal.data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Here now.' });
    const reply = (await portal.session.db.messages.find({ selector: { body: 'Here now.' } }).exec())[0]!;
    expect(await storedKeys(portal)).toEqual([`messages/${id}`, `messages/${reply.id}`, `tickets/${id}`]);
  });

  it('a ticket change: the document is there but was not written after its mark', async () => {
    const storage = freshStorage();
    portal = await openTestPortal(sam, { storage });
    await portal.session.db.tickets.insert(aTicket(ada, { id: 't-1', number: 3 }));
    await portal.session.outbox.markPending([]); // the outbox document exists, as on a device that wrote before
    fullAfterTheMark('tickets');
    await expect(portal.data.agent!.setStatus('t-1', 'pending')).rejects.toThrow(/the status was not changed/);
    expect(portal.data.sync().pendingWrites).toBe(0);
    expect(await storedKeys(portal)).toEqual(['tickets/t-1']);

    await portal.close();
    refuseWrites(null);
    portal = await openTestPortal(sam, { storage });
    expect(portal.data.sync().pendingWrites).toBe(0);
    await portal.data.agent!.setStatus('t-1', 'pending');
    expect(portal.data.sync().pendingWrites).toBe(1);
    await portal.close();
    portal = await openTestPortal(sam, { storage });
    expect(portal.data.sync().pendingWrites).toBe(1); // written after its mark: kept
  });
});
