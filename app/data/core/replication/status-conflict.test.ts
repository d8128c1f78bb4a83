/**
 * The status conflict of ARCHITECTURE.md end to end: the agent set pending while the customer replied offline.
 * The later `statusChangedAt` wins on the device and on the server, in both orders; nothing else is lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type LiveServer } from '../../../../sync-server/integration/http-session';
import { agentSets, resolvedTicketOnDevice, serverTicket } from '../../testing/live-tickets';
import { until, type OpenedPortal } from '../../testing/portal-fixture';

let live: LiveServer;
let portal: OpenedPortal | undefined;
beforeEach(async () => {
  live = await startServer();
});
afterEach(async () => {
  await portal?.close();
  portal = undefined;
  await live.close();
});

async function setup() {
  const opened = await resolvedTicketOnDevice(live, { priority: 'high' });
  portal = opened.portal;
  return opened;
}

describe('status conflict against the server', () => {
  it('keeps the agent’s later pending over the customer’s earlier offline reopen', async () => {
    const { data, id, ticket, samCookie, goOffline, goOnline } = await setup();
    goOffline();
    await data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Still jams.' });
    const reopenedAt = (await until(ticket, (t) => t?.status === 'open'))!.statusChangedAt;
    await agentSets(live, samCookie, id, { status: 'pending', statusChangedAt: reopenedAt + 1_000 });
    goOnline();
    await until(data.sync, (s) => s.pendingWrites === 0);
    await until(ticket, (t) => t?.status === 'pending');
    expect(await serverTicket(live, samCookie, id)).toMatchObject({ status: 'pending', priority: 'high' });
  });

  it('keeps the customer’s later offline reopen over the agent’s earlier pending', async () => {
    const { data, id, ticket, samCookie, goOffline, goOnline } = await setup();
    goOffline();
    await agentSets(live, samCookie, id, { status: 'pending', statusChangedAt: Date.now() - 1_000 });
    await data.reply({ ticketId: id, conversationId: id, channel: 'portal', body: 'Still jams.' });
    goOnline();
    await until(data.sync, (s) => s.pendingWrites === 0);
    expect(await serverTicket(live, samCookie, id)).toMatchObject({ status: 'open', priority: 'high' });
    expect(ticket()).toMatchObject({ status: 'open', priority: 'high' });
  });
});
