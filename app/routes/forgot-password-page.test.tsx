/** /forgot-password: the same "if an account exists" words whatever the server knows, a throttle's reason, the way back. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedBranding } from '../data/branding';
import { BrandingContext } from './branding-context';
import ForgotPasswordPage from './forgot-password-page';

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => Response.json(body, { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function open() {
  render(() => <BrandingContext.Provider value={cachedBranding}><ForgotPasswordPage /></BrandingContext.Provider>);
}

function ask(email: string) {
  fireEvent.input(screen.getByLabelText('Email address'), { target: { value: email } });
  fireEvent.click(screen.getByRole('button', { name: 'Send link' }));
}

describe('/forgot-password', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

  it('sends the address and then says the same words, with the way back to sign in', async () => {
    const fetchMock = answer(202, { ok: true });
    open();
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login');
    ask(' ann@example.com ');
    const sent = await screen.findByText(
      "If an account exists for ann@example.com, we've sent a link to reset its password. It works for one hour.",
    );
    expect(sent.closest('[role=status]')).not.toBeNull();
    expect(fetchMock).toHaveBeenCalledWith('/api/password-reset', expect.objectContaining({ method: 'POST' }));
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]!.body))).toEqual({ email: 'ann@example.com' });
    expect(screen.queryByRole('button', { name: 'Send link' })).toBeNull();
  });

  it("shows a 429's reason and keeps the form to try later", async () => {
    answer(429, { error: 'too_many', reason: 'Too many requests. Try again in 15 minutes.' });
    open();
    ask('ann@example.com');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests. Try again in 15 minutes.');
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(screen.getByRole('button', { name: 'Send link' })).toBeEnabled();
  });

  it('asks for an address before sending anything', () => {
    const fetchMock = answer(202, { ok: true });
    open();
    fireEvent.click(screen.getByRole('button', { name: 'Send link' }));
    expect(screen.getByText('Enter your email address.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
