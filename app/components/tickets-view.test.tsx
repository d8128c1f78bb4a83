/** My Tickets with plain props: tabs, paging, chips, relative time, empty tabs, opening a row. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketStatus } from '../model/constants';
import type { TicketRow } from './ticket-table';
import { TicketsView, type TicketsViewProps } from './tickets-view';

const NOW = Date.UTC(2026, 10, 24, 12);
const HOUR = 3_600_000;

function rows(n: number): TicketRow[] {
  const statuses: TicketStatus[] = ['open', 'pending', 'resolved', 'closed'];
  return Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    number: i === 0 ? null : 100 + i,
    subject: `Subject ${i}`,
    status: statuses[i % 4]!,
    lastMessage: { authorName: `Agent ${i}`, authorRole: 'agent', body: `Reply\nnumber ${i}` },
    lastActivityAt: NOW - (i + 2) * HOUR,
  }));
}

function view(overrides: Partial<TicketsViewProps> = {}) {
  const props: TicketsViewProps = {
    tickets: rows(23), tab: 'all', page: 1, now: NOW,
    onTabChange: vi.fn(), onPageChange: vi.fn(), onOpen: vi.fn(),
    hrefFor: (id) => `/tickets/${id}`, newRequestHref: '/tickets/new',
    query: '', onQueryChange: vi.fn(),
    ...overrides,
  };
  render(() => <TicketsView {...props} />);
  return props;
}

describe('TicketsView', () => {
  afterEach(cleanup);

  it('shows the header, the tabs and ten rows a page with the total count', () => {
    view();
    expect(screen.getByRole('heading', { name: 'My Tickets' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /New Request/ })).toHaveAttribute('href', '/tickets/new');
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['All 23', 'Open 12', 'Resolved 11']);
    expect(screen.getAllByRole('row')).toHaveLength(11);
    expect(screen.getByText('1–10 of 23 tickets')).toBeInTheDocument();
    for (const name of ['Ticket #', 'Subject', 'Status', 'Last Message', 'Last Update']) {
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    }
  });

  it('shows a New · not yet numbered chip before the server numbers a ticket, TK-n after, and the last message on one line', () => {
    view();
    const [first, second] = screen.getAllByRole('row').slice(1);
    expect(within(first!).getByText('New · not yet numbered')).toBeInTheDocument();
    expect(within(second!).getByText('TK-101')).toBeInTheDocument();
    expect(within(second!).getByText('Reply number 1')).toBeInTheDocument();
    expect(within(first!).getByText('2 hours ago')).toBeInTheDocument();
  });

  it('filters by tab: Resolved holds resolved and closed tickets', () => {
    view({ tab: 'resolved' });
    const statuses = screen.getAllByRole('row').slice(1).map((r) => r.querySelector('.chip-status')?.textContent);
    expect(new Set(statuses)).toEqual(new Set(['Resolved', 'Closed']));
    expect(screen.getByText('1–10 of 11 tickets')).toBeInTheDocument();
  });

  it('pages with Next and reports the tab change', () => {
    const props = view({ page: 3 });
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(props.onPageChange).toHaveBeenCalledWith(2);
  });

  it('opens a row by clicking anywhere on it, and links its subject for the keyboard', () => {
    const props = view();
    const row = screen.getAllByRole('row')[2]!;
    fireEvent.click(within(row).getByText('Agent 1'));
    expect(props.onOpen).toHaveBeenCalledWith('t1');
    expect(within(row).getByRole('link', { name: 'Subject 1' })).toHaveAttribute('href', '/tickets/t1');
  });

  it('says so when a tab is empty', () => {
    view({ tickets: rows(23).filter((t) => t.status === 'open' || t.status === 'pending'), tab: 'resolved' });
    expect(screen.getByText('No resolved requests yet.')).toBeInTheDocument();
  });

  it('shows a loading state before the tickets arrive', () => {
    view({ tickets: undefined });
    expect(screen.getByText('Loading your tickets…')).toBeInTheDocument();
  });
  it('keeps a row and the focus on its link when its ticket changes, as when a reply arrives', () => {
    const [tickets, setTickets] = createSignal(rows(3));
    render(() => (
      <TicketsView tickets={tickets()} tab="all" page={1} now={NOW} onTabChange={vi.fn()} onPageChange={vi.fn()}
        onOpen={vi.fn()} hrefFor={(id) => `/tickets/${id}`} newRequestHref="/tickets/new" query="" onQueryChange={vi.fn()} />
    ));
    const link = screen.getByRole('link', { name: 'Subject 1' });
    link.focus();
    setTickets((list) => list.map((row) => row.id === 't1'
      ? { ...row, lastMessage: { authorName: 'Sam Rivera', authorRole: 'agent', body: 'Fixed now' }, lastActivityAt: NOW }
      : row));
    expect(screen.getByText('Fixed now')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Subject 1' })).toBe(link);
    expect(document.activeElement).toBe(link);
  });
});
