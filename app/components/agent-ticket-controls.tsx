/** The thread's ticket controls: status, priority and assignee as labelled native selects, and why a change failed. */
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from '../model/constants';
import { STATUS_LABELS } from '../model/status';
import { PRIORITY_LABELS } from './agent-chips';

/** An agent someone can assign a ticket to. */
export interface AgentOption { id: string; name: string }

/** A change's outcome: an error sentence, or null once written (void: nothing to report). */
export type ChangeResult = Promise<string | null> | void;

/** Props: the ticket's current values, the agents, and what a change does. */
export interface AgentTicketControlsProps {
  status: TicketStatus;
  priority: Priority;
  assigneeId: string | null;
  agents: AgentOption[];
  onStatusChange(status: TicketStatus): ChangeResult;
  onPriorityChange(priority: Priority): ChangeResult;
  onAssigneeChange(assigneeId: string | null): ChangeResult;
}

/** A row of three selects; a change is written at once (the device first, the server when online). */
export function AgentTicketControls(props: AgentTicketControlsProps) {
  const errorId = createUniqueId();
  const [error, setError] = createSignal<string | null>(null);
  const assigneeKnown = () => props.assigneeId === null || props.agents.some((a) => a.id === props.assigneeId);
  // A refused change leaves the ticket as it was, so the select goes back to the value the device holds.
  async function change(select: HTMLSelectElement, result: ChangeResult, stored: () => string) {
    setError(null);
    const problem = (await result) ?? null;
    setError(problem);
    if (problem) select.value = stored();
  }
  const describedBy = () => (error() ? errorId : undefined);
  return (
    <div class="ticket-controls">
      <label class="inbox-select">
        <span class="inbox-select-label">Status</span>
        <select class="input input-select" value={props.status} aria-describedby={describedBy()}
          onChange={(e) => void change(e.currentTarget, props.onStatusChange(e.currentTarget.value as TicketStatus), () => props.status)}>
          <For each={TICKET_STATUSES}>{(s) => <option value={s} selected={s === props.status}>{STATUS_LABELS[s]}</option>}</For>
        </select>
      </label>
      <label class="inbox-select">
        <span class="inbox-select-label">Priority</span>
        <select class="input input-select" value={props.priority} aria-describedby={describedBy()}
          onChange={(e) => void change(e.currentTarget, props.onPriorityChange(e.currentTarget.value as Priority), () => props.priority)}>
          <For each={PRIORITIES}>{(p) => <option value={p} selected={p === props.priority}>{PRIORITY_LABELS[p]}</option>}</For>
        </select>
      </label>
      <label class="inbox-select">
        <span class="inbox-select-label">Assignee</span>
        <select class="input input-select" value={props.assigneeId ?? ''} aria-describedby={describedBy()}
          onChange={(e) => void change(e.currentTarget, props.onAssigneeChange(e.currentTarget.value || null), () => props.assigneeId ?? '')}>
          <option value="" selected={props.assigneeId === null}>Unassigned</option>
          <For each={props.agents}>{(a) => <option value={a.id} selected={a.id === props.assigneeId}>{a.name}</option>}</For>
          {!assigneeKnown() && <option value={props.assigneeId!} selected>Another agent</option>}
        </select>
      </label>
      <Show when={error()}><p class="field-error ticket-controls-error" id={errorId} role="alert">{error()}</p></Show>
    </div>
  );
}
