/** /tickets, My Tickets: reads the customer's tickets and keeps the search, tab and page in the URL. */
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { createNow } from '../components/now-clock';
import { TicketsView } from '../components/tickets-view';
import { useData } from '../data';
import { PORTAL_TABS, type PortalTab } from '../model/status';
import { matchesTicketSearch, parseTicketSearch } from '../model/ticket-search';
import '../styles/ticket-search.css';
import { createPageTitle } from './page-title';
import { createUrlQuery } from './url-query';

function asTab(value: unknown): PortalTab {
  return typeof value === 'string' && value in PORTAL_TABS ? (value as PortalTab) : 'all';
}

/** The My Tickets container. */
export default function TicketsPage() {
  const data = useData();
  const tickets = data.tickets();
  const now = createNow();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = createUrlQuery(() => params.q, (q) => setParams({ q: q || undefined, page: undefined }, { replace: true }));
  const tab = () => asTab(params.tab);
  createPageTitle(() => (tab() === 'all' ? 'My Tickets' : `My Tickets (${PORTAL_TABS[tab()].label})`));
  // A new search starts on page 1, before the URL has caught up with it.
  const page = () => (search.pending() ? 1 : Math.max(1, Number.parseInt(String(params.page ?? '1'), 10) || 1));
  // Filtered on every key, in memory, over the search text each summary carries: no query per key.
  const words = createMemo(() => parseTicketSearch(search.query()));
  const matching = createMemo(() => {
    const list = tickets();
    const w = words();
    return list && w.length > 0 ? list.filter((t) => matchesTicketSearch(t, w)) : list;
  });

  return (
    <TicketsView
      tickets={matching()}
      query={search.query()}
      onQueryChange={search.setQuery}
      tab={tab()}
      page={page()}
      now={now()}
      onTabChange={(t) => setParams({ tab: t === 'all' ? undefined : t, page: undefined })}
      onPageChange={(p) => setParams({ page: p === 1 ? undefined : String(p) })}
      hrefFor={(id) => `/tickets/${encodeURIComponent(id)}`}
      onOpen={(id) => navigate(`/tickets/${encodeURIComponent(id)}`)}
      newRequestHref="/tickets/new"
    />
  );
}
