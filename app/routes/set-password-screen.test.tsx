/** The reset and invitation pages: the token taken from the URL, the password rules, sign-in on success, dead links. */
import '@testing-library/jest-dom/vitest';
import { createMemoryHistory, MemoryRouter, Route, type RouteSectionProps } from '@solidjs/router';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storedUser } from '../data/session';
import InvitationPage from './invitation-page';
import ResetPasswordPage from './reset-password-page';
import { BrandingContext } from './branding-context';
import { cachedBranding } from '../data/branding';

const ann = { id: 'u-ann', name: 'Ann Lee', email: 'ann@example.com', role: 'customer' as const };

/** Answers every request with `status` and `body`, and records what was sent. */
function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => Response.json(body, { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Opens `path` with `hash` in the address bar, the page under test routed beside /tickets and /agent. */
function open(path: '/reset-password' | '/invitation', hash: string) {
  history.replaceState(null, '', `${path}${hash}`);
  const memory = createMemoryHistory();
  memory.set({ value: path, scroll: false, replace: true });
  const root = (props: RouteSectionProps) => <BrandingContext.Provider value={cachedBranding}>{props.children}</BrandingContext.Provider>;
  render(() => (
    <MemoryRouter history={memory} root={root}>
      <Route path="/reset-password" component={ResetPasswordPage} />
      <Route path="/invitation" component={InvitationPage} />
      <Route path="/tickets" component={() => <p>My tickets screen</p>} />
      <Route path="/agent" component={() => <p>Agent inbox screen</p>} />
    </MemoryRouter>
  ));
}

async function setPassword(password: string, confirm = password) {
  fireEvent.input(await screen.findByLabelText(/^New password/), { target: { value: password } });
  fireEvent.input(screen.getByLabelText('Confirm new password'), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
}

describe('/reset-password', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

  it('takes the token out of the URL, sends it with the password, keeps the user and opens My Tickets', async () => {
    const fetchMock = answer(200, { user: ann });
    open('/reset-password', '#token=abc123');
    await screen.findByRole('heading', { name: 'Choose a new password' });
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/reset-password');
    await setPassword('a-good-password');
    expect(await screen.findByText('My tickets screen')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/api/password-reset/confirm', expect.objectContaining({ method: 'POST' }));
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]!.body))).toEqual({ token: 'abc123', password: 'a-good-password' });
    expect(storedUser()).toEqual(ann);
  });

  it('opens the inbox for an agent', async () => {
    answer(200, { user: { ...ann, role: 'agent' } });
    open('/reset-password', '#token=abc123');
    await setPassword('a-good-password');
    expect(await screen.findByText('Agent inbox screen')).toBeInTheDocument();
  });

  it('checks the rules before sending: 8 characters, the same twice', async () => {
    const fetchMock = answer(200, { user: ann });
    open('/reset-password', '#token=abc123');
    await setPassword('short');
    expect(screen.getByText('The password must be at least 8 characters.')).toBeInTheDocument();
    await setPassword('a-good-password', 'a-good-passwort');
    expect(screen.getByText('The two passwords are not the same.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("shows a 400's reason at the password field and keeps the form", async () => {
    answer(400, { error: 'short_password', reason: 'The password must not be your email address.' });
    open('/reset-password', '#token=abc123');
    await setPassword('ann@example.com');
    const error = await screen.findByText('The password must not be your email address.');
    expect(screen.getByLabelText(/^New password/).getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.getByLabelText(/^New password/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Set password' })).toBeEnabled();
    expect(storedUser()).toBeNull();
  });

  it.each([
    ['link_used', 'This link has already been used.'],
    ['link_expired', 'This link has expired.'],
    ['link_invalid', 'This link is not valid.'],
  ])('a 410 %s says so and offers a new link in place of the form', async (error, reason) => {
    answer(410, { error, reason });
    open('/reset-password', '#token=abc123');
    await setPassword('a-good-password');
    expect(await screen.findByRole('alert')).toHaveTextContent(reason);
    expect(screen.getByRole('link', { name: 'Send a new link' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.queryByRole('button', { name: 'Set password' })).toBeNull();
  });

  it('without a token says the link is not complete and sends nothing', async () => {
    const fetchMock = answer(200, { user: ann });
    open('/reset-password', '');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not complete. Open it again from the email.');
    expect(screen.queryByLabelText(/^New password/)).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('/invitation', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

  it('accepts the invitation and opens My Tickets signed in', async () => {
    const fetchMock = answer(200, { user: ann });
    open('/invitation', '#token=inv-1');
    await screen.findByRole('heading', { name: 'Set your password' });
    expect(window.location.hash).toBe('');
    await setPassword('a-good-password');
    expect(await screen.findByText('My tickets screen')).toBeInTheDocument();
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/invitation/accept');
    expect(storedUser()).toEqual(ann);
  });

  it('an expired invitation asks the support team for a new one', async () => {
    answer(410, { error: 'link_expired', reason: 'This invitation has expired.' });
    open('/invitation', '#token=inv-1');
    await setPassword('a-good-password');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This invitation has expired.');
    expect(alert).toHaveTextContent('Ask your support team for a new invitation.');
    expect(screen.queryByRole('link', { name: 'Send a new link' })).toBeNull();
  });
});
