/** Small chips: the ticket number (or "New · not yet numbered" until the server numbers it) and the coloured status. */
import type { TicketStatus } from '../model/constants';
import { STATUS_LABELS } from '../model/status';
import { formatTicketNumber } from '../model/ticket-number';

/**
 * `TK-42` in monospace, or, while the server has not given the number yet, "New · not yet numbered" in a neutral
 * dashed chip: its own words and look, never the Pending status's (the header read "Pending · Open").
 */
export function TicketNumberChip(props: { number: number | null }) {
  return (
    <span class="chip chip-number" classList={{ 'chip-number-new': props.number === null }}>
      {formatTicketNumber(props.number) ?? 'New · not yet numbered'}
    </span>
  );
}

/** The status as a coloured chip: Open, Pending, Resolved, Closed. */
export function StatusChip(props: { status: TicketStatus }) {
  return <span class={`chip chip-status chip-${props.status}`}>{STATUS_LABELS[props.status]}</span>;
}
