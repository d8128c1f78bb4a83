/** The badge state in the reporting tab: its own reports, stored one after another, never roll it back. */
import { afterEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom, of } from 'rxjs';
import { ada } from '../../../model/fixtures';
import { openTestPortal, type OpenedPortal } from '../../testing/portal-fixture';
import { createSyncState, SYNC_STATE_DOC, type SyncStatus } from './sync-state';

let portal: OpenedPortal | undefined;
afterEach(async () => {
  await portal?.close();
  portal = undefined;
});

const alwaysOnline = { online: () => true, onChange: () => () => undefined };

describe('the reported sync state', () => {
  it('stays Online through the stored copies of its own earlier reports', async () => {
    portal = await openTestPortal(ada);
    const db = portal.session.db;
    const sync = createSyncState(db, of({}), alwaysOnline);
    const seen: SyncStatus['connection'][] = [];
    const watching = sync.status$.subscribe((status) => seen.push(status.connection));

    // As the replication reports at the end of the first pull: activity, then the pull done, then idle.
    sync.report({ active: true });
    sync.report({ pulledOnce: true });
    sync.report({ active: false });
    await new Promise<void>((done) => {
      const stored = db.getLocal$<{ active: boolean; pulledOnce?: boolean }>(SYNC_STATE_DOC).subscribe((doc) => {
        const data = doc?.toJSON().data;
        if (data?.pulledOnce && !data.active) queueMicrotask(() => { stored.unsubscribe(); done(); });
      });
    });
    watching.unsubscribe();
    sync.dispose();
    expect(seen).toEqual(['syncing', 'online']);
  });

  it('takes in what another tab reports', async () => {
    portal = await openTestPortal(ada);
    const db = portal.session.db;
    const sync = createSyncState(db, of({}), alwaysOnline);
    await db.upsertLocal(SYNC_STATE_DOC, { reachable: false, active: false, needsSignIn: false, pulledOnce: true, writer: 'other-tab' });
    const status = await firstValueFrom(sync.status$.pipe(filter((s) => s.connection !== 'syncing')));
    expect(status.connection).toBe('offline');
    sync.dispose();
  });
});
