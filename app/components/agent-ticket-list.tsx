/** The inbox list: one row per ticket (number, customer, subject, status, priority, channels, last activity). */
import { Key } from '@solid-primitives/keyed';
import { createSignal, Show } from 'solid-js';
import { formatTicketNumber } from '../model/ticket-number';
import { ChannelChips, PriorityChip } from './agent-chips';
import type { AgentRowItem } from './agent-inbox-filter';
import { StatusChip } from './chips';
import { formatDateTime, formatRelative } from './now-clock';

/** Props: the rows to show (filtered and ordered by the data layer), the selected ticket, and the clock. */
export interface AgentTicketListProps {
  rows: AgentRowItem[] | undefined;
  selectedId: string | null;
  now: number;
  hrefFor(id: string): string;
  /** How many rows show before "Show more" (keeps 5,000 tickets quick to draw). */
  pageSize?: number;
}

/** A list of links; the selected row is `aria-current`, an unread one is bold with a dot. */
export function AgentTicketList(props: AgentTicketListProps) {
  const [shown, setShown] = createSignal(props.pageSize ?? 60);
  const visible = () => props.rows?.slice(0, shown()) ?? [];
  return (
    <Show when={props.rows} fallback={<p class="empty" role="status">Loading tickets…</p>}>
      {(rows) => (
        <Show when={rows().length > 0} fallback={<p class="empty">No tickets match these filters.</p>}>
          <ul class="inbox-list" aria-label="Tickets">
            {/* Keyed by ticket id: a row whose ticket changes keeps its element, and so the keyboard's focus. */}
            <Key each={visible()} by={(row) => row.id}>
              {(row) => (
                <li class="inbox-row" classList={{ 'inbox-row-unread': row().unread, 'inbox-row-selected': row().id === props.selectedId }}>
                  <a class="inbox-row-link" href={props.hrefFor(row().id)} aria-current={row().id === props.selectedId ? 'true' : undefined}>
                    <span class="inbox-row-top">
                      <span class="inbox-number">{formatTicketNumber(row().number) ?? 'New'}</span>
                      <span class="inbox-customer">{row().customerName}</span>
                      <Show when={row().unread}><span class="unread-dot" title="Unread"><span class="visually-hidden">Unread</span></span></Show>
                      <time class="inbox-time" datetime={new Date(row().lastMessageAt).toISOString()} title={formatDateTime(row().lastMessageAt)}>
                        {formatRelative(row().lastMessageAt, props.now)}
                      </time>
                    </span>
                    <span class="inbox-subject">{row().subject}</span>
                    <Show when={row().preview}><span class="inbox-preview">{row().preview}</span></Show>
                    <span class="inbox-row-chips">
                      <StatusChip status={row().status} />
                      <PriorityChip priority={row().priority} />
                      <ChannelChips channels={row().channels} />
                    </span>
                  </a>
                </li>
              )}
            </Key>
          </ul>
          <Show when={rows().length > shown()}>
            <div class="inbox-more">
              <button type="button" class="button button-secondary button-small" onClick={() => setShown((n) => n + (props.pageSize ?? 60))}>
                Show more ({rows().length - shown()} left)
              </button>
            </div>
          </Show>
        </Show>
      )}
    </Show>
  );
}
