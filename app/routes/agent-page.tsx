/** /agent and /agent/tickets/:id: the inbox list beside the selected ticket's thread; the URL holds the selection. */
import { useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import '../styles/agent.css';
import { DEFAULT_FILTER, type AgentRowItem, type InboxFilter } from '../components/agent-inbox-filter';
import { AgentInboxView } from '../components/agent-inbox-view';
import { createNow } from '../components/now-clock';
import { useAgentData, type InboxRow } from '../data';
import { AgentThreadScreen } from './agent-thread-screen';
import { createPageTitle } from './page-title';

/** The last message as the row's one-line preview; a note says so. */
function previewOf(last: InboxRow['lastMessage']): string | null {
  if (!last) return null;
  return `${last.internal ? 'Internal note · ' : ''}${last.authorName}: ${last.body.replace(/\s+/g, ' ').slice(0, 160)}`;
}

/** The inbox container: the filter lives here, so it survives moving from ticket to ticket. */
export default function AgentPage() {
  const agent = useAgentData();
  const params = useParams<{ id?: string }>();
  const now = createNow();
  const [filter, setFilter] = createSignal<InboxFilter>(DEFAULT_FILTER);
  const inbox = agent.inbox(() => {
    const f = filter();
    return { status: f.status, priority: f.priority, assignedToMe: f.mine, search: f.query };
  });
  // One plain row per data row, kept while the data row is the same object, so unchanged rows are not redrawn.
  const plain = new WeakMap<InboxRow, AgentRowItem>();
  const toRow = (r: InboxRow): AgentRowItem => {
    let row = plain.get(r);
    if (!row) {
      row = {
        id: r.ticket.id, number: r.ticket.number, customerName: r.customerName, subject: r.ticket.subject,
        status: r.ticket.status, priority: r.ticket.priority, channels: r.channels, lastMessageAt: r.lastMessageAt,
        unread: r.unread, preview: previewOf(r.lastMessage),
      };
      plain.set(r, row);
    }
    return row;
  };
  const rows = createMemo(() => inbox()?.map(toRow));
  // The open ticket never reads as unread: markRead does nothing until the device's inbox has counted the
  // ticket's messages (just after a reload), so a row of the open ticket that turns unread is marked again.
  createEffect(() => {
    const id = params.id;
    if (id && inbox()?.some((r) => r.ticket.id === id && r.unread)) void agent.markRead(id);
  });
  createPageTitle(() => (agent.unreadCount() > 0 ? `(${agent.unreadCount()}) Inbox` : 'Inbox'));

  return (
    <AgentInboxView
      rows={rows()} unreadCount={agent.unreadCount()} filter={filter()} onFilterChange={setFilter}
      selectedId={params.id ?? null} now={now()} hrefFor={(id) => `/agent/tickets/${encodeURIComponent(id)}`}
    >
      <Show when={params.id} keyed>{(id) => <AgentThreadScreen ticketId={id} />}</Show>
    </AgentInboxView>
  );
}
