/** My Tickets' search with plain props: the labelled field, clear button, Esc, the no-match sentence, the announcement. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_AFTER_MS } from './delayed-announcement';
import type { TicketRow } from './ticket-table';
import { TicketsView, type TicketsViewProps } from './tickets-view';

const NOW = Date.UTC(2026, 10, 24, 12);
const row = (i: number, status: TicketRow['status']): TicketRow => ({
  id: `t${i}`, number: i, subject: `Subject ${i}`, status, lastMessage: null, lastActivityAt: NOW - i * 60_000,
});

/** The view with its query held like the route holds it; `tickets` is what the route's filter left. */
function view(tickets: TicketRow[] | undefined, overrides: Partial<TicketsViewProps> = {}) {
  const [query, setQuery] = createSignal(overrides.query ?? '');
  const onQueryChange = vi.fn(setQuery);
  render(() => (
    <TicketsView
      tickets={tickets} tab="all" page={1} now={NOW} onTabChange={vi.fn()} onPageChange={vi.fn()} onOpen={vi.fn()}
      hrefFor={(id) => `/tickets/${id}`} newRequestHref="/tickets/new" {...overrides}
      query={query()} onQueryChange={onQueryChange}
    />
  ));
  return { onQueryChange, query };
}

describe('My Tickets search', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('has a labelled search field in a search landmark that reports every key at once', () => {
    const { onQueryChange } = view([row(1, 'open')]);
    expect(screen.getByRole('search')).toBeInTheDocument();
    const field = screen.getByRole('searchbox', { name: 'Search my tickets' });
    fireEvent.input(field, { target: { value: 'p' } });
    expect(onQueryChange).toHaveBeenLastCalledWith('p');
    expect(screen.queryByRole('button', { name: 'Clear search' })).toBeInTheDocument();
  });

  it('offers no clear button while the field is empty', () => {
    view([row(1, 'open')]);
    expect(screen.queryByRole('button', { name: 'Clear search' })).not.toBeInTheDocument();
  });

  it('clears with the clear button, focus staying in the field', () => {
    const { query } = view([row(1, 'open')], { query: 'printer' });
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(query()).toBe('');
    expect(screen.getByRole('searchbox')).toHaveFocus();
    expect(screen.getByRole('searchbox')).toHaveValue('');
  });

  it('clears with Esc in the field', () => {
    const { query } = view([row(1, 'open')], { query: 'printer' });
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Escape' });
    expect(query()).toBe('');
  });

  it('names the query when nothing matches, within the tab, and clears from there', () => {
    const { query } = view([], { query: '  scanner ', tab: 'open' });
    const sentence = screen.getByText('No open tickets match “scanner”.');
    expect(screen.queryByText(/no support requests yet/)).not.toBeInTheDocument();
    fireEvent.click(within(sentence.parentElement!).getByRole('button', { name: 'Clear search' }));
    expect(query()).toBe('');
    expect(screen.getByRole('searchbox')).toHaveFocus();
  });

  it('counts the matches in the tabs and the pagination', () => {
    view([row(1, 'open'), row(2, 'resolved'), row(3, 'closed')], { query: 'subject' });
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['All 3', 'Open 1', 'Resolved 2']);
    expect(screen.getByText('1–3 of 3 tickets')).toBeInTheDocument();
  });

  it('announces the result count once typing pauses, not on every key', () => {
    vi.useFakeTimers();
    const { onQueryChange } = view([row(1, 'open'), row(2, 'open')]);
    const status = () => screen.getByRole('search').querySelector('[role="status"]')!;
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'sub' } });
    vi.advanceTimersByTime(ANNOUNCE_AFTER_MS / 2);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'subj' } });
    vi.advanceTimersByTime(ANNOUNCE_AFTER_MS - 1);
    expect(status()).toHaveTextContent(/^$/);
    vi.advanceTimersByTime(1);
    expect(onQueryChange).toHaveBeenCalledTimes(2);
    expect(status()).toHaveTextContent('2 tickets match “subj”.');
  });
});
