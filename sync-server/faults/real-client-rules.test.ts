/**
 * What only the app's own client shows (its sync core in Node, against a live server): a reply the server refuses
 * while the device was offline is marked failed with the server's reason and does not hold back the writes behind
 * it, and an offline status change meeting an agent's change is merged by the stated rule.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { outboxKey } from '../../app/data/core/replication/outbox-store';
import { signUp, startServer, type LiveServer } from '../integration/http-session';
import { openFaultDevice, type FaultDevice } from './fault-device';

let live: LiveServer;
const open: FaultDevice[] = [];
beforeEach(async () => {
  live = await startServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((device) => device.close()));
  await live.close();
});

/** The customer's device and an agent's, both synced once. */
async function customerAndAgent(): Promise<{ ada: FaultDevice; sam: FaultDevice }> {
  const customer = await signUp(live, 'customer', 'ada@example.com', 'Ada Lovelace');
  const agent = await signUp(live, 'agent', 'sam@example.com', 'Sam Rivera');
  const ada = await openFaultDevice(`ada-${Date.now()}`, customer.user, live.baseUrl, customer.cookie);
  const sam = await openFaultDevice(`sam-${Date.now()}`, agent.user, live.baseUrl, agent.cookie);
  open.push(ada, sam);
  await Promise.all([ada, sam].flatMap((device) => device.replications.map((r) => r.awaitInitialReplication())));
  return { ada, sam };
}

/** A new request on `device`, synced to the server and to `others`. */
async function request(device: FaultDevice, subject: string, ...others: FaultDevice[]): Promise<string> {
  const id = await device.core.writes.createTicket({ subject, description: '', message: `About ${subject}, please.` });
  await device.settle();
  for (const other of others) await other.settle();
  return id;
}

const messageWithBody = async (device: FaultDevice, body: string) => (await device.messages.findOne({ selector: { body } }).exec())!;

it('marks a reply the server refuses as failed with its reason, and sends the writes behind it', async () => {
  const { ada, sam } = await customerAndAgent();
  const closing = await request(ada, 'Invoice address', sam);
  const other = await request(ada, 'Printer jams', sam);

  ada.platform.setOnline(false);
  await sam.core.agentWrites!.setStatus(closing, 'closed');
  await sam.settle();
  // Offline, the device does not know the ticket was closed: both replies are written to the device.
  await ada.core.writes.reply({ ticketId: closing, conversationId: closing, channel: 'portal', body: 'One more thing' });
  await ada.core.writes.reply({ ticketId: other, conversationId: other, channel: 'portal', body: 'It jams again' });
  const refused = await messageWithBody(ada, 'One more thing');
  const behind = await messageWithBody(ada, 'It jams again');
  expect(ada.core.outbox.entries()[outboxKey('messages', refused.id)]?.state).toBe('pending');

  ada.platform.setOnline(true);
  await ada.settle();
  expect(ada.core.outbox.entries()[outboxKey('messages', refused.id)]).toMatchObject({
    state: 'failed', reason: 'this ticket is closed; open a new request instead',
  });
  expect(ada.core.outbox.entries()[outboxKey('messages', behind.id)]).toBeUndefined();
  expect(ada.acknowledged.has(behind.id)).toBe(true);
  expect(ada.core.sync.status().pendingWrites).toBe(0);

  // Written after the refusal, sent as well.
  await ada.core.writes.reply({ ticketId: other, conversationId: other, channel: 'portal', body: 'And once more' });
  await ada.settle();
  await sam.settle();
  const onServer = (await sam.messages.find({ selector: { ticketId: { $in: [closing, other] } } }).exec()).map((m) => m.body);
  expect(onServer.sort()).toEqual(['About Invoice address, please.', 'About Printer jams, please.', 'And once more', 'It jams again']);
});

it('merges an offline status change with the agent’s change meanwhile: the status by its stamp, the rest field by field', async () => {
  const { ada, sam } = await customerAndAgent();
  const ticket = await request(ada, 'Login loop', sam);

  ada.platform.setOnline(false);
  await ada.core.writes.markResolved(ticket);
  await sam.core.agentWrites!.setPriority(ticket, 'high');
  await sam.settle();

  ada.platform.setOnline(true);
  await ada.settle();
  await sam.settle();
  for (const device of [ada, sam]) {
    const held = (await device.tickets.findOne(ticket).exec())!;
    expect({ status: held.status, priority: held.priority }, device === ada ? 'customer' : 'agent').toEqual({ status: 'resolved', priority: 'high' });
  }
  expect(ada.core.outbox.entries()).toEqual({});
});
