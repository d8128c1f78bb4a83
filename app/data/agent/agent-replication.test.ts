/**
 * The agent's device against a real server (createApp, listening): a customer's ticket reaches the inbox
 * live; the agent's replies, conversation, note and status go out; internal notes never reach a customer.
 * The customer is a plain replicating RxDB device (two Dexie portals in one test process share Dexie's
 * per-name state, and opening one removes the other's copy, as sign-in on a shared device should).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSignal } from 'solid-js';
import { fetchWithCookie, openDevice, waitForDoc, type Device } from '../../../sync-server/integration/device';
import { signUp, startServer, type LiveServer } from '../../../sync-server/integration/http-session';
import { aMessage, aTicket } from '../../model/fixtures';
import { ALL_TICKETS } from './agent-types';
import { openTestPortal, until, type OpenedPortal } from '../testing/portal-fixture';

let live: LiveServer;
let portal: OpenedPortal | undefined;
const devices: Device[] = [];
beforeEach(async () => {
  localStorage.clear();
  live = await startServer(500);
});
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
  await portal?.close();
  portal = undefined;
  await live.close();
});

async function customerDevice(cookie: string): Promise<Device> {
  const device = await openDevice(live.baseUrl, cookie, ['tickets', 'messages']);
  devices.push(device);
  return device;
}

describe('the agent device against the server', () => {
  it('sees a customer ticket live, answers on two conversations, and its internal note never reaches the customer', async () => {
    const ada = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
    const sam = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
    await signUp(live, 'agent', 'alex@example.com', 'Alex Kim');
    portal = await openTestPortal(sam.user, { replication: { origin: live.baseUrl, fetch: fetchWithCookie(sam.cookie), retryTime: 300 } });
    const agent = portal.data.agent!;
    const [filter] = createSignal(ALL_TICKETS);
    const inbox = portal.within(() => agent.inbox(filter));
    await until(inbox, (rows) => rows?.length === 0);
    expect(await until(portal.within(() => agent.agents), (list) => list.length === 2))
      .toEqual([{ id: expect.any(String), name: 'Alex Kim' }, { id: sam.user.id, name: 'Sam Rivera' }]);

    const customer = await customerDevice(ada.cookie);
    const ticket = aTicket(ada.user, { id: 'tk-printer', subject: 'Printer jams', createdAt: Date.now(), statusChangedAt: Date.now() });
    await customer.tickets!.insert(ticket);
    await customer.messages!.insert(aMessage(ticket, ada.user, { id: ticket.id, body: 'It jams on every page.', createdAt: Date.now() }));
    const [row] = (await until(inbox, (rows) => rows?.length === 1 && rows[0]!.ticket.number !== null && rows[0]!.messageCount === 1))!;
    expect(row).toMatchObject({ customerName: 'Ada Lovelace', unread: true, channels: ['portal'] });

    const id = ticket.id;
    await agent.agentReply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Which printer model?' });
    await agent.addInternalNote({ ticketId: id, body: 'Known firmware bug, see KB-12.' });
    const chat = await agent.startConversation({ ticketId: id, channel: 'chat', body: 'Can we chat about it?' });
    await agent.setStatus(id, 'resolved');
    await until(portal.data.sync, (s) => s.pendingWrites === 0);
    const thread = portal.within(() => agent.thread(id));
    expect((await until(thread, (t) => t?.messages.length === 4))!.messages.map((m) => m.delivery.state))
      .toEqual(['sent', 'sent', 'sent', 'sent']);

    await waitForDoc(customer.tickets!, id, (t) => t.status === 'resolved');
    // The two collections have feeds of their own: the ticket's change can arrive before the chat message's.
    await new Promise<void>((resolve) => {
      const subscription = customer.messages!.findOne({ selector: { conversationId: chat } }).$.subscribe((doc) => {
        if (doc) queueMicrotask(() => { subscription.unsubscribe(); resolve(); });
      });
    });
    await customer.inSync();
    const bodies = async (device: Device) =>
      (await device.messages!.find({ sort: [{ createdAt: 'asc' }] }).exec()).map((d) => [d.visibility, d.conversationId === chat ? 'chat' : 'first', d.body]);
    const expected = [
      ['public', 'first', 'It jams on every page.'], ['public', 'first', 'Which printer model?'], ['public', 'chat', 'Can we chat about it?'],
    ];
    expect(await bodies(customer)).toEqual(expected);
    expect(await bodies(await customerDevice(ada.cookie))).toEqual(expected);
  });
});
