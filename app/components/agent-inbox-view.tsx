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

/** The whole inbox is the page's main region; on a phone the list panel keeps its heading for screen readers. */
export function AgentInboxView(props: AgentInboxViewProps) {
  return (
    <main class="inbox" id="main" classList={{ 'inbox-has-selection': props.selectedId !== null }}>
      <section class="inbox-list-panel" aria-labelledby="inbox-title">
        <div class="inbox-list-header">
          <h1 class="inbox-title" id="inbox-title">Inbox</h1>
          <span class="inbox-counts">
            <Show when={props.rows}>{(rows) => <>{rows().length} shown</>}</Show>
            <Show when={props.unreadCount > 0}><span class="inbox-unread-count"> · {props.unreadCount} unread</span></Show>
          </span>
          <a class="inbox-customers-link" href="/agent/customers">Customers</a>
        </div>
        <AgentInboxFilters filter={props.filter} onChange={props.onFilterChange} />
        <AgentTicketList rows={props.rows} selectedId={props.selectedId} now={props.now} hrefFor={props.hrefFor} />
      </section>
      <section class="inbox-thread-panel" aria-label="Selected ticket">
        <Show when={props.selectedId !== null} fallback={<p class="empty inbox-pick">Choose a ticket to read its conversations.</p>}>
          {props.children}
        </Show>
      </section>
    </main>
  );
}
