/** The ticket page's header: Back, the number chip, subject, status chip; then the info bar. */
import { Show } from 'solid-js';
import type { TicketStatus } from '../model/constants';
import { StatusChip, TicketNumberChip } from './chips';
import { formatDate } from './now-clock';

/** Props: plain ticket values; `onMarkResolved` is offered while the ticket is open or pending. */
export interface TicketHeaderProps {
  number: number | null;
  subject: string;
  status: TicketStatus;
  createdAt: number;
  messageCount: number;
  backHref: string;
  onMarkResolved?: () => void;
}

/** Header and info bar. */
export function TicketHeader(props: TicketHeaderProps) {
  return (
    <>
      <a class="back-link" href={props.backHref}><span aria-hidden="true">←</span> Back</a>
      <div class="ticket-header">
        <div class="ticket-heading">
          <div class="ticket-chips">
            <TicketNumberChip number={props.number} />
            <StatusChip status={props.status} />
          </div>
          <h1 class="page-title ticket-subject">{props.subject}</h1>
        </div>
        <Show when={props.onMarkResolved}>
          {(markResolved) => (
            <button type="button" class="button button-secondary" onClick={() => markResolved()()}>
              <span aria-hidden="true" class="button-icon">✓</span> Mark as resolved
            </button>
          )}
        </Show>
      </div>
      <dl class="info-bar">
        <div><dt>Created</dt><dd>{formatDate(props.createdAt)}</dd></div>
        <div><dt>Messages</dt><dd>{props.messageCount}</dd></div>
      </dl>
    </>
  );
}
