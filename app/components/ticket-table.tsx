/** The My Tickets table: Ticket #, Subject, Status, Last Message, Last Update; reflows into cards when narrow. */
import { Key } from '@solid-primitives/keyed';
import type { AuthorRole, TicketStatus } from '../model/constants';
import { StatusChip, TicketNumberChip } from './chips';
import { formatDateTime, formatRelative } from './now-clock';

/** One row as plain values (the data layer's ticket summary fits this shape). */
export interface TicketRow {
  id: string;
  number: number | null;
  subject: string;
  status: TicketStatus;
  lastMessage: { authorName: string; authorRole: AuthorRole; body: string } | null;
  lastActivityAt: number;
}

/** Props: the rows of this page, the clock, and how a row opens. */
export interface TicketTableProps {
  rows: TicketRow[];
  now: number;
  hrefFor(id: string): string;
  onOpen(id: string): void;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A table whose rows open their ticket by click anywhere, or by the subject link (Enter) from the keyboard. */
export function TicketTable(props: TicketTableProps) {
  const openFromRow = (e: MouseEvent, id: string) => {
    // Let the link (and modified clicks on it) do their own thing.
    if ((e.target as HTMLElement).closest('a')) return;
    props.onOpen(id);
  };
  return (
    <table class="ticket-table">
      <thead>
        <tr>
          <th scope="col" class="col-number">Ticket #</th>
          <th scope="col">Subject</th>
          <th scope="col" class="col-status">Status</th>
          <th scope="col">Last Message</th>
          <th scope="col" class="col-updated">Last Update</th>
        </tr>
      </thead>
      <tbody>
        {/* Keyed by ticket id, not by row object: a row whose ticket changes (a reply arrives) keeps its element, so
            a keyboard user's focus on its link is not dropped to the page. */}
        <Key each={props.rows} by={(row) => row.id}>
          {(row) => (
            <tr class="ticket-row" onClick={(e) => openFromRow(e, row().id)}>
              <td class="col-number" data-label="Ticket #"><TicketNumberChip number={row().number} /></td>
              <td class="col-subject" data-label="Subject">
                <a class="row-link" href={props.hrefFor(row().id)}>{row().subject}</a>
              </td>
              <td class="col-status" data-label="Status"><StatusChip status={row().status} /></td>
              <td class="col-last" data-label="Last Message">
                {row().lastMessage
                  ? <span class="last-message"><span class="last-author">{row().lastMessage!.authorName}</span>
                      <span class="last-preview">{oneLine(row().lastMessage!.body)}</span></span>
                  : <span class="muted">No messages yet</span>}
              </td>
              <td class="col-updated" data-label="Last Update">
                <time datetime={new Date(row().lastActivityAt).toISOString()} title={formatDateTime(row().lastActivityAt)}>
                  {formatRelative(row().lastActivityAt, props.now)}
                </time>
              </td>
            </tr>
          )}
        </Key>
      </tbody>
    </table>
  );
}
