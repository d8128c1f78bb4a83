/**
 * A rating given offline, against the server: it waits, then syncs beside the agent's change made meanwhile; one the
 * server cannot take any more (the agent reopened the ticket meanwhile) is shown refused with its reason, not retried.
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

/** Ada's ticket, resolved by Sam and synced to her device; then her device goes offline. */
async function resolvedOffline() {
  const opened = await resolvedTicketOnDevice(live);
  portal = opened.portal;
  const rating = portal.within(() => opened.data.ratingDelivery(opened.id));
  opened.goOffline();
  window.dispatchEvent(new Event('offline'));
  return { ...opened, rating };
}

describe('a rating given offline', () => {
  it('waits for the network, then reaches the server beside the agent’s priority change, stamped there', async () => {
    const { data, id, ticket, rating, samCookie, goOnline } = await resolvedOffline();
    await data.rate(id, 'bad', '  It jams again.  ');
    expect(ticket()?.rating).toMatchObject({ value: 'bad', comment: 'It jams again.' });
    expect(rating()?.state).toMatch(/waiting|sending/);
    expect(data.sync().pendingWrites).toBe(1);
    await agentSets(live, samCookie, id, { priority: 'high', assigneeId: 'user-sam' });
    const before = Date.now();
    goOnline();
    await until(rating, (r) => r === null);
    await until(data.sync, (s) => s.pendingWrites === 0);
    const stored = await serverTicket(live, samCookie, id);
    expect(stored).toMatchObject({ status: 'resolved', priority: 'high', assigneeId: 'user-sam', rating: { value: 'bad', comment: 'It jams again.' } });
    expect(stored.rating!.ratedAt).toBeGreaterThanOrEqual(before);
    await until(ticket, (t) => t?.priority === 'high' && t.rating?.ratedAt === stored.rating!.ratedAt);
  });

  it('is shown refused with the reason when the agent reopened the ticket meanwhile, and is not sent again', async () => {
    const { data, id, ticket, rating, samCookie, goOnline } = await resolvedOffline();
    await data.rate(id, 'good', '');
    await agentSets(live, samCookie, id, { status: 'open', statusChangedAt: Date.now() + 1_000 });
    goOnline();
    const refused = await until(rating, (r) => r?.state === 'failed');
    expect(refused).toEqual({ state: 'failed', reason: 'only a resolved ticket can be rated' });
    await until(ticket, (t) => t?.status === 'open');
    expect(ticket()?.rating).toBeUndefined();
    expect(data.sync().pendingWrites).toBe(0);
    expect((await serverTicket(live, samCookie, id)).rating).toBeUndefined();
    await data.dismissRatingFailure(id);
    expect(rating()).toBeNull();
  });
});
