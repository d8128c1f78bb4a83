/** My Tickets' search field: labelled, a clear button once something is typed, Esc clears, results announced politely. */
import { createUniqueId, Show } from 'solid-js';
import { DelayedAnnouncement } from './delayed-announcement';

/** Props: what is typed, what typing does, and the sentence about the results for screen readers. */
export interface TicketSearchFieldProps {
  query: string;
  onQueryChange(query: string): void;
  announcement: string;
  /** Gets the input, so the screen can put focus back in it (after "Clear search" in the empty state). */
  ref?: (input: HTMLInputElement) => void;
}

/** A search landmark holding the field; the filtering itself is the caller's, on every key, never delayed. */
export function TicketSearchField(props: TicketSearchFieldProps) {
  const id = createUniqueId();
  let input: HTMLInputElement | undefined;
  const clear = () => {
    props.onQueryChange('');
    input?.focus();
  };
  return (
    <div class="ticket-search" role="search" aria-label="My tickets">
      <label class="visually-hidden" for={id}>Search my tickets</label>
      <div class="ticket-search-box">
        <input
          id={id} ref={(el) => { input = el; props.ref?.(el); }} class="input ticket-search-input" type="search"
          placeholder="Search by subject, ticket number or message" autocomplete="off" spellcheck={false}
          value={props.query} onInput={(e) => props.onQueryChange(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || props.query === '') return;
            e.preventDefault();
            props.onQueryChange('');
          }}
        />
        <Show when={props.query !== ''}>
          <button type="button" class="ticket-search-clear" aria-label="Clear search" onClick={clear}>
            <span aria-hidden="true">×</span>
          </button>
        </Show>
      </div>
      <DelayedAnnouncement text={props.announcement} />
    </div>
  );
}
