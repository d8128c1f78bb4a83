/** The Customers screen's logic: the search as the agent types, its answers, and the writes (online only). */
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { CustomersView, type CustomerItem } from '../components/customers-view';
import { createNow, formatDate } from '../components/now-clock';
import { addCustomer, listCustomers, sendInvitation } from '../data/accounts/customers-api';

/** How long typing must pause before the search is sent. */
const SEARCH_DEBOUNCE_MS = 250;
/** How many customers one search shows. */
const SEARCH_LIMIT = 50;

/** What the screen needs of the device: whether it is online and whether the server sends mail. */
export interface CustomersScreenProps {
  online: boolean;
  mailOutbound: boolean;
}

/** The search, its answers and the writes; the last list stays when the server cannot be reached. */
export function CustomersScreen(props: CustomersScreenProps) {
  const now = createNow();
  const [query, setQuery] = createSignal('');
  const [sentQuery, setSentQuery] = createSignal('');
  const [customers, setCustomers] = createSignal<CustomerItem[] | null>(null);
  const [total, setTotal] = createSignal(0);
  const [unreachable, setUnreachable] = createSignal(false);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [mailOffHere, setMailOffHere] = createSignal(false);
  const [invitingId, setInvitingId] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal('');
  const offline = () => unreachable() || !props.online;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const typed = (value: string) => {
    setQuery(value);
    clearTimeout(timer);
    timer = setTimeout(() => setSentQuery(value.trim()), SEARCH_DEBOUNCE_MS);
  };
  onCleanup(() => clearTimeout(timer));

  let search: AbortController | undefined;
  const load = async (q: string) => {
    search?.abort();
    const controller = (search = new AbortController());
    const result = await listCustomers(q, SEARCH_LIMIT, controller.signal).catch(() => null);
    if (!result || controller.signal.aborted) return;
    setUnreachable(!result.ok && result.offline);
    if (result.ok) {
      setCustomers(result.customers);
      setTotal(result.total);
      setLoadError(null);
    } else if (!result.offline) setLoadError(result.message);
  };
  onCleanup(() => search?.abort());
  // A new search, and the same one again once the device is back online.
  createEffect(on([sentQuery, () => props.online], ([q, online]) => {
    if (online) void load(q);
  }));

  const replace = (next: CustomerItem) => setCustomers((list) => list?.map((c) => (c.id === next.id ? next : c)) ?? null);

  async function invite(customer: CustomerItem) {
    setInvitingId(customer.id);
    setAnnouncement('');
    try {
      const result = await sendInvitation(customer.id);
      if (result.ok) {
        replace({ ...customer, invitation: result.invitation });
        setAnnouncement(`Invitation sent to ${customer.email}. It expires ${formatDate(result.invitation.expiresAt)}.`);
      } else {
        if (result.kind === 'mail_off') setMailOffHere(true);
        setUnreachable(result.kind === 'offline');
        setAnnouncement(`The invitation to ${customer.email} was not sent: ${result.message}`);
      }
    } finally {
      setInvitingId(null);
    }
  }

  async function add(name: string, email: string) {
    const result = await addCustomer(name, email);
    if (!result.ok) return { field: result.field, message: result.message };
    setCustomers((list) => [result.customer, ...(list ?? []).filter((c) => c.id !== result.customer.id)]);
    setTotal((n) => n + 1);
    setAnnouncement(`${result.customer.name} was added.`);
    return null;
  }

  return (
    <CustomersView
      query={query()} onQueryChange={typed} customers={customers()} total={total()} offline={offline()}
      loadError={loadError()} mailOutbound={props.mailOutbound && !mailOffHere()} now={now()}
      invitingId={invitingId()} announcement={announcement()} inboxHref="/agent"
      onInvite={(customer) => void invite(customer)} onAdd={add}
    />
  );
}
