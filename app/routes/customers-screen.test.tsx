/** The agent's Customers screen over a stubbed `/api/customers`: search as one types, add (409 at the field), invite, mail off, offline. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAIL_OFF_WORDS } from '../components/customers-view';
import { CustomersScreen } from './customers-screen';

const DAY = 86_400_000;
/** A customer as `GET /api/customers` answers it. */
interface WireCustomer {
  id: string; name: string; email: string; hasPassword: boolean; invitation: { sentAt: string; expiresAt: string } | null;
}
const ann: WireCustomer = { id: 'c-ann', name: 'Ann Lee', email: 'ann@example.com', hasPassword: true, invitation: null };
const bob: WireCustomer = { id: 'c-bob', name: 'Bob Stone', email: 'bob@example.com', hasPassword: false, invitation: null };
const cy: WireCustomer = {
  id: 'c-cy', name: 'Cy Park', email: 'cy@example.com', hasPassword: false,
  invitation: { sentAt: new Date(Date.now() - DAY).toISOString(), expiresAt: new Date('2099-03-04T12:00:00Z').toISOString() },
};

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

/** Stubs fetch with `handler`; every request is recorded. */
function serve(handler: Handler) {
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => handler(new URL(url, 'http://portal.test'), init));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** A server holding `customers`, searched by name or email. */
const listing = (customers: WireCustomer[]) => (url: URL) => {
  const q = (url.searchParams.get('q') ?? '').toLowerCase();
  const found = customers.filter((c) => !q || c.name.toLowerCase().includes(q) || c.email.includes(q));
  return Response.json({ customers: found, total: found.length });
};

const row = (name: string) => screen.getByText(name).closest('li')!;

describe('CustomersScreen', () => {
  afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

  it('lists customers with their status, and searches once typing pauses', async () => {
    const fetchMock = serve(listing([ann, bob, cy]));
    render(() => <CustomersScreen online mailOutbound />);
    expect(await screen.findByText('Ann Lee')).toBeInTheDocument();
    expect(within(row('Ann Lee')).getByText('Has a password')).toBeInTheDocument();
    expect(within(row('Bob Stone')).getByText('Not invited')).toBeInTheDocument();
    expect(within(row('Cy Park')).getByText('Invited · expires Mar 4, 2099')).toBeInTheDocument();
    expect(within(row('Ann Lee')).queryByRole('button')).toBeNull();
    const search = screen.getByLabelText('Search customers');
    fireEvent.input(search, { target: { value: 'b' } });
    fireEvent.input(search, { target: { value: 'bo' } });
    fireEvent.input(search, { target: { value: 'bob' } });
    await waitFor(() => expect(screen.queryByText('Ann Lee')).toBeNull());
    expect(screen.getByText('Bob Stone')).toBeInTheDocument();
    const queries = fetchMock.mock.calls.map(([url]) => new URL(url, 'http://portal.test').searchParams.get('q'));
    expect(queries).toEqual(['', 'bob']); // debounced: not one request per key
  });

  it('adds a customer, and shows a 409 at the email field', async () => {
    const dan = { id: 'c-dan', name: 'Dan Ray', email: 'dan@example.com', hasPassword: false, invitation: null };
    serve((url, init) => {
      if (init.method !== 'POST') return listing([ann])(url);
      const body = JSON.parse(String(init.body)) as { email: string };
      return body.email === ann.email
        ? Response.json({ error: 'conflict', reason: 'A customer with this email address already exists.' }, { status: 409 })
        : Response.json({ customer: dan }, { status: 201 });
    });
    render(() => <CustomersScreen online mailOutbound />);
    await screen.findByText('Ann Lee');
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Ann Again' } });
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: ann.email } });
    fireEvent.click(screen.getByRole('button', { name: 'Add customer' }));
    const error = await screen.findByText('A customer with this email address already exists.');
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-describedby', error.id);
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');

    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Dan Ray' } });
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'dan@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add customer' }));
    expect(await screen.findByText('Dan Ray')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Dan Ray was added.');
    expect(screen.getByLabelText('Email address')).toHaveValue('');
  });

  it('sends an invitation, tells the result in the live region, and offers to resend', async () => {
    const expiresAt = new Date('2099-05-06T12:00:00Z').toISOString();
    const fetchMock = serve((url, init) => (init.method === 'POST'
      ? Response.json({ invitation: { sentAt: new Date().toISOString(), expiresAt } }, { status: 202 })
      : listing([bob])(url)));
    render(() => <CustomersScreen online mailOutbound />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send invitation to Bob Stone' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Invitation sent to bob@example.com. It expires May 6, 2099.'));
    expect(within(row('Bob Stone')).getByText('Invited · expires May 6, 2099')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resend invitation to Bob Stone' })).toBeEnabled();
    expect(fetchMock).toHaveBeenCalledWith('/api/customers/c-bob/invitation', expect.objectContaining({ method: 'POST' }));
  });

  it('with mail off: the reason once, and the invitation buttons disabled and tied to it', async () => {
    serve(listing([bob, cy]));
    render(() => <CustomersScreen online mailOutbound={false} />);
    const send = await screen.findByRole('button', { name: 'Send invitation to Bob Stone' });
    expect(screen.getAllByText(MAIL_OFF_WORDS)).toHaveLength(1);
    for (const button of [send, screen.getByRole('button', { name: 'Resend invitation to Cy Park' })]) {
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(MAIL_OFF_WORDS);
    }
  });

  it("a server's mail_off answer disables the buttons too", async () => {
    serve((url, init) => (init.method === 'POST'
      ? Response.json({ error: 'mail_off', reason: 'Email is not set up on this server.' }, { status: 409 })
      : listing([bob])(url)));
    render(() => <CustomersScreen online mailOutbound />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send invitation to Bob Stone' }));
    expect(await screen.findByText(MAIL_OFF_WORDS)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('was not sent: Email is not set up on this server.');
    expect(screen.getByRole('button', { name: 'Send invitation to Bob Stone' })).toBeDisabled();
  });

  it('offline: says so plainly and keeps the last list, then searches again once online', async () => {
    let reachable = true;
    const fetchMock = serve((url) => {
      if (!reachable) throw new TypeError('Failed to fetch');
      return listing([ann, bob])(url);
    });
    const [online, setOnline] = createSignal(true);
    render(() => <CustomersScreen online={online()} mailOutbound />);
    await screen.findByText('Bob Stone');
    reachable = false;
    fireEvent.input(screen.getByLabelText('Search customers'), { target: { value: 'ann' } });
    expect(await screen.findByText(/You are offline/)).toBeInTheDocument();
    expect(screen.getByText('Bob Stone')).toBeInTheDocument(); // the last list stays
    expect(screen.getByRole('button', { name: 'Send invitation to Bob Stone' })).toBeDisabled();
    setOnline(false);
    reachable = true;
    const calls = fetchMock.mock.calls.length;
    setOnline(true);
    await waitFor(() => expect(screen.queryByText('Bob Stone')).toBeNull());
    expect(fetchMock.mock.calls.length).toBe(calls + 1);
    expect(screen.queryByText(/You are offline/)).toBeNull();
  });
});
