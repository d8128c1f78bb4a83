/** A device closed while its push is on the way, then opened again: every write reaches the server exactly once. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { PASSWORD, signUp, startServer, type LiveServer } from '../integration/http-session';
import { openFaultDevice, type FaultDevice } from './fault-device';
import { readServerState } from './server-state';

let live: LiveServer;
let device: FaultDevice | undefined;
beforeEach(async () => {
  live = await startServer();
});
afterEach(async () => {
  await device?.close();
  await live.close();
});

it('pushes everything exactly once after closing mid-push and opening again', async () => {
  const { user, cookie } = await signUp(live, 'customer', 'ada@example.com', 'Ada');
  await signUp(live, 'agent', 'sam@example.com', 'Sam');
  device = await openFaultDevice('close-mid-push', user, live.baseUrl, cookie);
  await Promise.all(device.replications.map((r) => r.awaitInitialReplication()));

  const ticket = aTicket(user, { id: 'mid-push-ticket', createdAt: Date.now() });
  const messages = Array.from({ length: 60 }, (_, i) => aMessage(ticket, user, { id: `mid-push-m${i}`, body: `message ${i}` }));
  const sent = device.nextPushSent();
  await device.tickets.insert(ticket);
  await device.messages.bulkInsert(messages);
  await sent;
  // Closed with the push on the wire: its answer is never read by this device.
  await device.close();
  const acknowledgedBeforeClose = device.acknowledged.size;

  device = await openFaultDevice('close-mid-push', user, live.baseUrl, cookie);
  await device.settle();
  const held = await device.messages.find().exec();
  expect(held.map((m) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());

  const state = await readServerState(live.baseUrl, 'sam@example.com', PASSWORD);
  expect([...state.messages.keys()].sort()).toEqual(messages.map((m) => m.id).sort());
  expect([...state.tickets.keys()]).toEqual([ticket.id]);
  const number = state.tickets.get(ticket.id)!.number;
  expect(number).toBe(1);
  expect((await device.tickets.findOne(ticket.id).exec())?.number).toBe(number);
  expect(acknowledgedBeforeClose).toBeLessThan(61);
});
