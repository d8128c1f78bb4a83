/** Assembles the agent's data: the inbox from the in-memory index, unread per device, threads, writes, agents. */
import { createMemo, getOwner, onCleanup, type Accessor } from 'solid-js';
import { AGENTS_DOC, createAgentDirectory } from './agent-directory';
import { createSeenStore, SEEN_DOC } from './agent-seen-store';
import { createAgentThread } from './agent-thread';
import type { AgentData, InboxFilter, InboxRow } from './agent-types';
import type { DeviceCore } from '../core/device';
import { createInboxFeed } from './inbox-feed';
import { INBOX_INDEX_DOC, type RestoredIndex } from './inbox-stored';
import { createRowMaker, isUnread, matches, normaliseSearch } from './inbox-rows';
import type { OutboxEntries } from '../core/replication/outbox-store';

/**
 * The agent's data on `device`; call inside a reactive owner, which owns its subscriptions. `storedIndex`: the
 * inbox's stored index when its read was started while the database opened.
 */
export function createAgentData(
  device: DeviceCore,
  entries: Accessor<OutboxEntries>,
  listsKnown: Accessor<boolean>,
  offline: Accessor<boolean>,
  storedIndex?: Promise<RestoredIndex | null>,
): AgentData {
  const { user } = device;
  const feed = createInboxFeed(device.reads, device.local(INBOX_INDEX_DOC), storedIndex);
  if (getOwner()) onCleanup(() => feed.dispose());
  const { seen, markSeen } = createSeenStore(device.local(SEEN_DOC));
  const loading = () => !feed.ready() || (feed.index.entries.size === 0 && !listsKnown());

  const unreadCount = createMemo(() => {
    feed.version();
    const counts = seen();
    let unread = 0;
    for (const entry of feed.index.entries.values()) if (isUnread(entry, counts)) unread += 1;
    return unread;
  });

  return {
    inbox(filter: Accessor<InboxFilter>): Accessor<InboxRow[] | undefined> {
      const makeRows = createRowMaker();
      return createMemo(() => {
        feed.version();
        if (loading()) return undefined;
        const f = filter();
        const search = normaliseSearch(f.search);
        const counts = seen();
        return makeRows(feed.index.byActivity().filter((entry) => matches(entry, f, search, user.id)), counts);
      });
    },
    unreadCount,
    async markRead(ticketId: string) {
      await feed.loaded; // right after a start the index has not counted the ticket yet
      const entry = feed.index.entries.get(ticketId);
      if (entry) await markSeen(ticketId, entry.activity.customerCount);
    },
    thread: (ticketId: string) => createAgentThread(device.reads, ticketId, entries, listsKnown, offline),
    ...device.agentWrites!,
    agents: createAgentDirectory(device.local(AGENTS_DOC), device.http, device.connectivity),
  };
}
