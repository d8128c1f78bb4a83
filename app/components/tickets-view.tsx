/** My Tickets: the header with New Request, the search, the All / Open / Resolved tabs, the table and pagination. */
import { Tabs } from '@kobalte/core/tabs';
import { For, Match, Switch } from 'solid-js';
import { isInTab, PORTAL_TABS, type PortalTab } from '../model/status';
import { Pagination } from './pagination';
import { TicketSearchField } from './ticket-search-field';
import { searchResultSentence } from './ticket-search-words';
import { TicketTable, type TicketRow } from './ticket-table';

/** Rows per page. */
export const PAGE_SIZE = 10;

/**
 * Props: the customer's tickets that match the search (newest activity first; `undefined` while loading) and the
 * view state. The caller filters by `query`; the view filters by tab.
 */
export interface TicketsViewProps {
  tickets: TicketRow[] | undefined;
  query: string;
  onQueryChange(query: string): void;
  tab: PortalTab;
  page: number;
  now: number;
  onTabChange(tab: PortalTab): void;
  onPageChange(page: number): void;
  hrefFor(id: string): string;
  onOpen(id: string): void;
  newRequestHref: string;
}

const TAB_KEYS = Object.keys(PORTAL_TABS) as PortalTab[];
const EMPTY: Record<PortalTab, string> = {
  all: 'You have no support requests yet. Start one with New Request.',
  open: 'No open requests. Everything is answered.',
  resolved: 'No resolved requests yet.',
};

/** The whole My Tickets screen body, driven by plain props. */
export function TicketsView(props: TicketsViewProps) {
  const inTab = (tab: PortalTab) => (props.tickets ?? []).filter((t) => isInTab(t.status, tab));
  const filtered = () => inTab(props.tab);
  const pages = () => Math.max(1, Math.ceil(filtered().length / PAGE_SIZE));
  const page = () => Math.min(Math.max(1, props.page), pages());
  const rows = () => filtered().slice((page() - 1) * PAGE_SIZE, page() * PAGE_SIZE);
  const searching = () => props.query.trim() !== '';
  const searchSentence = () => searchResultSentence(filtered().length, props.tab, props.query);
  let searchInput: HTMLInputElement | undefined;
  const clearSearch = () => {
    props.onQueryChange('');
    searchInput?.focus();
  };

  return (
    <main class="page" id="main">
      <div class="page-header">
        <h1 class="page-title">My Tickets</h1>
        <a class="button button-primary" href={props.newRequestHref}>
          <span aria-hidden="true" class="button-icon">+</span> New Request
        </a>
      </div>
      <TicketSearchField
        query={props.query} onQueryChange={props.onQueryChange} ref={(el) => { searchInput = el; }}
        announcement={searching() && props.tickets ? searchSentence() : ''}
      />
      <Tabs value={props.tab} onChange={(v) => props.onTabChange(v as PortalTab)} class="tabs">
        <Tabs.List class="tabs-list" aria-label="Filter by status">
          <For each={TAB_KEYS}>
            {(key) => (
              <Tabs.Trigger class="tabs-trigger" value={key}>
                {PORTAL_TABS[key].label}{" "}
                <span class="tabs-count">{props.tickets ? inTab(key).length : ''}</span>
              </Tabs.Trigger>
            )}
          </For>
        </Tabs.List>
        <For each={TAB_KEYS}>
          {(key) => (
            <Tabs.Content class="card tabs-content" value={key}>
              <Switch>
                <Match when={props.tickets === undefined}>
                  <p class="empty" role="status">Loading your tickets…</p>
                </Match>
                <Match when={filtered().length === 0 && searching()}>
                  <div class="empty empty-search">
                    <p>{searchSentence()}</p>
                    <button type="button" class="button button-secondary" onClick={clearSearch}>Clear search</button>
                  </div>
                </Match>
                <Match when={filtered().length === 0}>
                  <p class="empty">{EMPTY[key]}</p>
                </Match>
                <Match when={true}>
                  <TicketTable rows={rows()} now={props.now} hrefFor={props.hrefFor} onOpen={props.onOpen} />
                  <Pagination
                    page={page()} pageSize={PAGE_SIZE} total={filtered().length} noun="ticket"
                    onPage={props.onPageChange}
                  />
                </Match>
              </Switch>
            </Tabs.Content>
          )}
        </For>
      </Tabs>
    </main>
  );
}
