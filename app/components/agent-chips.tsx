/** The agent's extra chips: priority (Low … Urgent) and the channels a ticket's conversations use. */
import { For } from 'solid-js';
import type { Channel, Priority } from '../model/constants';
import { CHANNEL_LABELS } from './conversation-chips';

/** How each priority is named on screen. */
export const PRIORITY_LABELS: Record<Priority, string> = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' };

/** The priority as a small chip; High and Urgent stand out. */
export function PriorityChip(props: { priority: Priority }) {
  return (
    <span class={`chip chip-priority priority-${props.priority}`}>
      <span class="visually-hidden">Priority: </span>{PRIORITY_LABELS[props.priority]}
    </span>
  );
}

/** One quiet chip per channel (Portal, Email, Chat). */
export function ChannelChips(props: { channels: Channel[] }) {
  return (
    <span class="channel-chips">
      <For each={props.channels}>{(c) => <span class={`chip chip-channel channel-${c}`}>{CHANNEL_LABELS[c]}</span>}</For>
    </span>
  );
}
