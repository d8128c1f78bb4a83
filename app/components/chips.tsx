/** Small chips: the ticket number (or "Pending" until the server numbers it) and the coloured status. */
import type { TicketStatus } from '../model/constants';
import { STATUS_LABELS } from '../model/status';
import { formatTicketNumber } from '../model/ticket-number';

/** `TK-42` in monospace, or a "Pending" chip while the server has not given the number yet. */
export function TicketNumberChip(props: { number: number | null }) {
  return (
    <span
      class="chip chip-number"
      classList={{ 'chip-number-pending': props.number === null }}
      title={props.number === null ? 'The ticket number is assigned when the request reaches the server' : undefined}
    >
      {formatTicketNumber(props.number) ?? 'Pending'}
    </span>
  );
}

/** The status as a coloured chip: Open, Pending, Resolved, Closed. */
export function StatusChip(props: { status: TicketStatus }) {
  return <span class={`chip chip-status chip-${props.status}`}>{STATUS_LABELS[props.status]}</span>;
}
