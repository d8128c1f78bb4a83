/** The inbox screen's frame: the list panel (filters, rows) beside the thread panel; on a phone one at a time. */
import { Show, type JSX } from 'solid-js';
import { AgentInboxFilters } from './agent-inbox-filters';
import type { AgentRowItem, InboxFilter } from './agent-inbox-filter';
import { AgentTicketList } from './agent-ticket-list';

/** Props: the shown rows, the filter, the selection, and the thread panel's content as children. */
export interface AgentInboxViewProps {
  rows: AgentRowItem[] | undefined;
  unreadCount: number;
  filter: InboxFilter;
  onFilterChange(next: InboxFilter): void;
  selectedId: string | null;
  now: number;
  hrefFor(id: string): string;
  children?: JSX.Element;
}

/** The list is a `nav` of links; the thread is the page's main region. */
export function AgentInboxView(props: AgentInboxViewProps) {
  return (
    <div class="inbox" classList={{ 'inbox-has-selection': props.selectedId !== null }}>
      <section class="inbox-list-panel" aria-labelledby="inbox-title">
        <div class="inbox-list-header">
          <h1 class="inbox-title" id="inbox-title">Inbox</h1>
          <span class="inbox-counts">
            <Show when={props.rows}>{(rows) => <>{rows().length} shown</>}</Show>
            <Show when={props.unreadCount > 0}><span class="inbox-unread-count"> · {props.unreadCount} unread</span></Show>
          </span>
        </div>
        <AgentInboxFilters filter={props.filter} onChange={props.onFilterChange} />
        <AgentTicketList rows={props.rows} selectedId={props.selectedId} now={props.now} hrefFor={props.hrefFor} />
      </section>
      <main class="inbox-thread-panel" id="main">
        <Show when={props.selectedId !== null} fallback={<p class="empty inbox-pick">Choose a ticket to read its conversations.</p>}>
          {props.children}
        </Show>
      </main>
    </div>
  );
}
