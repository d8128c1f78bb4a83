/** The agent's Customers screen: search, the list with each account's status, Add customer, and invitations. */
import { For, Show } from 'solid-js';
import { AddCustomerForm, type AddCustomerProblem } from './add-customer-form';
import { customerStatus, type CustomerAccount } from './customer-status';
import { Spinner } from './spinner';
import { TextField } from './text-field';

/** One customer as shown. */
export interface CustomerItem extends CustomerAccount { id: string; name: string; email: string }

/** The words shown once when mail is off, and tied to every invitation button. */
export const MAIL_OFF_WORDS = 'Email is not set up, so invitations cannot be sent.';

/** Props: plain values and callbacks; `customers` is `null` before the first answer. */
export interface CustomersViewProps {
  query: string;
  onQueryChange(query: string): void;
  customers: CustomerItem[] | null;
  total: number;
  /** The server cannot be reached: the last list stays, and the screen says so. */
  offline: boolean;
  loadError: string | null;
  mailOutbound: boolean;
  now: number;
  /** The customer whose invitation is being sent. */
  invitingId: string | null;
  /** The last invitation's or addition's result, read out by the live region. */
  announcement: string;
  inboxHref: string;
  onInvite(customer: CustomerItem): void;
  onAdd(name: string, email: string): Promise<AddCustomerProblem | null>;
}

/** The list and its controls. */
export function CustomersView(props: CustomersViewProps) {
  const inviteDisabled = () => !props.mailOutbound || props.offline;
  return (
    <main class="page customers-page" id="main">
      <div class="page-header">
        <h1 class="page-title">Customers</h1>
        <a class="button button-ghost button-small" href={props.inboxHref}>Back to inbox</a>
      </div>
      <Show when={props.offline}>
        <p class="banner banner-warning">
          You are offline. Customers are read from the server, so this list cannot change until the connection is back.
        </p>
      </Show>
      <Show when={!props.mailOutbound}>
        <p class="banner banner-info" id="customers-mail-off">{MAIL_OFF_WORDS}</p>
      </Show>
      <AddCustomerForm disabled={props.offline} onAdd={props.onAdd} />
      <section class="card customers-card" aria-labelledby="customers-list-title">
        <div class="customers-card-header">
          <h2 class="card-title" id="customers-list-title">All customers</h2>
          <span class="customers-count">
            <Show when={props.customers}>{(list) => <>{list().length} of {props.total}</>}</Show>
          </span>
        </div>
        <div class="customers-search">
          <TextField label="Search customers" hint="By name or email address." name="q" value={props.query} onInput={props.onQueryChange} />
        </div>
        <Show when={props.loadError}><p class="form-error" role="alert">{props.loadError}</p></Show>
        <Show when={props.customers} fallback={<p class="empty"><Spinner /> Loading customers…</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">No customers match.</p>}>
              <ul class="customer-list">
                <For each={list()}>
                  {(customer) => (
                    <li class="customer-row">
                      <div class="customer-who">
                        <span class="customer-name">{customer.name}</span>
                        <span class="customer-email">{customer.email}</span>
                      </div>
                      <span class="customer-status">{customerStatus(customer, props.now)}</span>
                      <Show when={!customer.hasPassword}>
                        <button
                          type="button" class="button button-secondary button-small"
                          disabled={inviteDisabled() || props.invitingId === customer.id}
                          aria-busy={props.invitingId === customer.id}
                          aria-describedby={props.mailOutbound ? undefined : 'customers-mail-off'}
                          aria-label={`${customer.invitation ? 'Resend' : 'Send'} invitation to ${customer.name}`}
                          onClick={() => props.onInvite(customer)}
                        >
                          {customer.invitation ? 'Resend invitation' : 'Send invitation'}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </section>
      <p class="customers-announcement" role="status">{props.announcement}</p>
    </main>
  );
}
