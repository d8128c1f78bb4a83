/** The inbox's filter bar: search, status, priority and "Assigned to me", each labelled. */
import { createUniqueId, For } from 'solid-js';
import { PRIORITIES, TICKET_STATUSES } from '../model/constants';
import { STATUS_LABELS } from '../model/status';
import { PRIORITY_LABELS } from './agent-chips';
import type { InboxFilter, PriorityFilter, StatusFilter } from './agent-inbox-filter';

/** Props: the current filter and what changing one part of it does. */
export interface AgentInboxFiltersProps { filter: InboxFilter; onChange(next: InboxFilter): void }

/** Native selects: light, keyboard-friendly, and a phone shows its own picker. */
export function AgentInboxFilters(props: AgentInboxFiltersProps) {
  const id = createUniqueId();
  const set = (part: Partial<InboxFilter>) => props.onChange({ ...props.filter, ...part });
  return (
    <div class="inbox-filters" role="search" aria-label="Filter tickets">
      <label class="visually-hidden" for={`${id}-q`}>Search tickets</label>
      <input
        id={`${id}-q`} class="input inbox-search" type="search" placeholder="Search subject, TK-number or customer"
        value={props.filter.query} autocomplete="off" onInput={(e) => set({ query: e.currentTarget.value })}
      />
      <div class="inbox-filter-row">
        <label class="inbox-select">
          <span class="inbox-select-label">Status</span>
          <select class="input input-select" value={props.filter.status}
            onChange={(e) => set({ status: e.currentTarget.value as StatusFilter })}>
            <For each={TICKET_STATUSES}>{(s) => <option value={s}>{STATUS_LABELS[s]}</option>}</For>
            <option value="all">All</option>
          </select>
        </label>
        <label class="inbox-select">
          <span class="inbox-select-label">Priority</span>
          <select class="input input-select" value={props.filter.priority}
            onChange={(e) => set({ priority: e.currentTarget.value as PriorityFilter })}>
            <option value="all">Any</option>
            <For each={PRIORITIES}>{(p) => <option value={p}>{PRIORITY_LABELS[p]}</option>}</For>
          </select>
        </label>
        <label class="inbox-check">
          <input type="checkbox" checked={props.filter.mine} onChange={(e) => set({ mine: e.currentTarget.checked })} />
          Assigned to me
        </label>
      </div>
    </div>
  );
}
