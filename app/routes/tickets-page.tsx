/** /tickets, My Tickets: reads the customer's tickets and keeps the tab and page in the URL. */
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createNow } from '../components/now-clock';
import { TicketsView } from '../components/tickets-view';
import { useData } from '../data';
import { PORTAL_TABS, type PortalTab } from '../model/status';
import { createPageTitle } from './page-title';

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
  const tab = () => asTab(params.tab);
  createPageTitle(() => (tab() === 'all' ? 'My Tickets' : `My Tickets (${PORTAL_TABS[tab()].label})`));
  const page = () => Math.max(1, Number.parseInt(String(params.page ?? '1'), 10) || 1);

  return (
    <TicketsView
      tickets={tickets()}
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
