/** The inbox frame, list and filters with plain props: row contents, unread, selection, filter changes, text-only subjects. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, type AgentRowItem, type InboxFilter } from './agent-inbox-filter';
import { AgentInboxView } from './agent-inbox-view';

const NOW = Date.UTC(2026, 10, 24, 9, 0);
const row = (n: number, over: Partial<AgentRowItem> = {}): AgentRowItem => ({
  id: `t${n}`, number: n, customerName: 'Ada Lovelace', subject: `Subject ${n}`, status: 'open', priority: 'medium',
  channels: ['portal'], lastMessageAt: NOW - n * 60_000, unread: false, preview: `Ada Lovelace: message ${n}`, ...over,
});

describe('AgentInboxView', () => {
  afterEach(cleanup);

  it('shows each row with number, customer, subject, status, priority, channels and time; marks unread and selection', () => {
    const rows = [row(5, { unread: true, channels: ['portal', 'email', 'chat'], priority: 'high' }), row(6)];
    render(() => (
      <AgentInboxView rows={rows} unreadCount={1} filter={DEFAULT_FILTER} onFilterChange={() => undefined}
        selectedId="t6" now={NOW} hrefFor={(id) => `/agent/tickets/${id}`}>
        <p>thread here</p>
      </AgentInboxView>
    ));
    const [first, second] = screen.getAllByRole('listitem');
    const link = within(first!).getByRole('link');
    expect(link).toHaveAttribute('href', '/agent/tickets/t5');
    expect(link).toHaveTextContent('TK-5');
    expect(link).toHaveTextContent('Ada Lovelace');
    expect(link).toHaveTextContent('Subject 5');
    expect(link).toHaveTextContent('Open');
    expect(link).toHaveTextContent('Priority: High');
    expect(link).toHaveTextContent(/Portal.*Email.*Chat/);
    expect(link).toHaveTextContent('5 minutes ago');
    expect(link).toHaveTextContent('Unread');
    expect(link).toHaveTextContent('Ada Lovelace: message 5');
    expect(first).toHaveClass('inbox-row-unread');
    expect(within(second!).getByRole('link')).toHaveAttribute('aria-current', 'true');
    expect(screen.getByText('thread here')).toBeInTheDocument();
    expect(screen.getByText(/1 unread/)).toBeInTheDocument();
  });

  it('reports filter changes from the labelled controls', () => {
    const [filter, setFilter] = createSignal<InboxFilter>(DEFAULT_FILTER);
    render(() => (
      <AgentInboxView rows={[]} unreadCount={0} filter={filter()} onFilterChange={setFilter}
        selectedId={null} now={NOW} hrefFor={(id) => id} />
    ));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'closed' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'urgent' } });
    fireEvent.click(screen.getByLabelText('Assigned to me'));
    fireEvent.input(screen.getByLabelText('Search tickets'), { target: { value: 'TK-9' } });
    expect(filter()).toEqual({ status: 'closed', priority: 'urgent', mine: true, query: 'TK-9' });
    expect(screen.getByText('No tickets match these filters.')).toBeInTheDocument();
    expect(screen.getByText('Choose a ticket to read its conversations.')).toBeInTheDocument();
  });

  it('draws a page of rows at a time for large inboxes', () => {
    const rows = Array.from({ length: 130 }, (_, i) => row(i + 1));
    render(() => (
      <AgentInboxView rows={rows} unreadCount={0} filter={DEFAULT_FILTER} onFilterChange={() => undefined}
        selectedId={null} now={NOW} hrefFor={(id) => id} />
    ));
    expect(screen.getAllByRole('listitem')).toHaveLength(60);
    fireEvent.click(screen.getByRole('button', { name: 'Show more (70 left)' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(120);
  });

  it('shows a subject, name and preview holding HTML as text', () => {
    const rows = [row(1, {
      subject: '<img src=x onerror="window.hacked=1"><script>1</script>', customerName: '<b>Eve</b>', preview: '<i>Eve</i>: <script>2</script>',
    })];
    render(() => (
      <AgentInboxView rows={rows} unreadCount={0} filter={DEFAULT_FILTER} onFilterChange={() => undefined}
        selectedId={null} now={NOW} hrefFor={(id) => id} />
    ));
    const link = screen.getByRole('link', { name: /TK-1/ });
    expect(link).toHaveTextContent('<img src=x onerror="window.hacked=1"><script>1</script>');
    expect(link).toHaveTextContent('<b>Eve</b>');
    expect(link).toHaveTextContent('<i>Eve</i>: <script>2</script>');
    expect(link.querySelector('img, script, b, i')).toBeNull();
  });

  it('links to the Customers screen from the inbox header', () => {
    render(() => (
      <AgentInboxView rows={[]} unreadCount={0} filter={DEFAULT_FILTER} onFilterChange={() => undefined}
        selectedId={null} now={NOW} hrefFor={(id) => id} />
    ));
    expect(screen.getByRole('link', { name: 'Customers' })).toHaveAttribute('href', '/agent/customers');
  });
});
