/** The thread's ticket controls: status, priority and assignee as labelled native selects. */
import { For } from 'solid-js';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from '../model/constants';
import { STATUS_LABELS } from '../model/status';
import { PRIORITY_LABELS } from './agent-chips';

/** An agent someone can assign a ticket to. */
export interface AgentOption { id: string; name: string }

/** Props: the ticket's current values, the agents, and what a change does. */
export interface AgentTicketControlsProps {
  status: TicketStatus;
  priority: Priority;
  assigneeId: string | null;
  agents: AgentOption[];
  onStatusChange(status: TicketStatus): void;
  onPriorityChange(priority: Priority): void;
  onAssigneeChange(assigneeId: string | null): void;
}

/** A row of three selects; a change is written at once (the device first, the server when online). */
export function AgentTicketControls(props: AgentTicketControlsProps) {
  const assigneeKnown = () => props.assigneeId === null || props.agents.some((a) => a.id === props.assigneeId);
  return (
    <div class="ticket-controls">
      <label class="inbox-select">
        <span class="inbox-select-label">Status</span>
        <select class="input input-select" value={props.status}
          onChange={(e) => props.onStatusChange(e.currentTarget.value as TicketStatus)}>
          <For each={TICKET_STATUSES}>{(s) => <option value={s} selected={s === props.status}>{STATUS_LABELS[s]}</option>}</For>
        </select>
      </label>
      <label class="inbox-select">
        <span class="inbox-select-label">Priority</span>
        <select class="input input-select" value={props.priority}
          onChange={(e) => props.onPriorityChange(e.currentTarget.value as Priority)}>
          <For each={PRIORITIES}>{(p) => <option value={p} selected={p === props.priority}>{PRIORITY_LABELS[p]}</option>}</For>
        </select>
      </label>
      <label class="inbox-select">
        <span class="inbox-select-label">Assignee</span>
        <select class="input input-select" value={props.assigneeId ?? ''}
          onChange={(e) => props.onAssigneeChange(e.currentTarget.value || null)}>
          <option value="" selected={props.assigneeId === null}>Unassigned</option>
          <For each={props.agents}>{(a) => <option value={a.id} selected={a.id === props.assigneeId}>{a.name}</option>}</For>
          {!assigneeKnown() && <option value={props.assigneeId!} selected>Another agent</option>}
        </select>
      </label>
    </div>
  );
}
