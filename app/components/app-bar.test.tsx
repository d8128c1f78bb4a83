/** The app bar, sync badge and sign-out warning with plain props. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppBar } from './app-bar';
import { formatRelative } from './now-clock';
import { SignOutDialog } from './sign-out-dialog';

describe('AppBar and sign-out', () => {
  afterEach(cleanup);

  it('shows the portal name, a polite live sync badge with unsent writes, and Sign out', () => {
    const onSignOut = vi.fn();
    render(() => (
      <AppBar portalName="Acme" logoUrl={null} userName="Ann" sync={{ connection: 'offline', pendingWrites: 3 }} onSignOut={onSignOut} />
    ));
    const badge = screen.getByRole('status');
    expect(badge).toHaveAttribute('aria-live', 'polite');
    expect(badge).toHaveTextContent('Offline');
    expect(badge).toHaveTextContent('3 unsent');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalled();
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings');
  });

  it('asks before signing out of every device, with the same warning', async () => {
    render(() => <SignOutDialog everywhere open onOpenChange={() => undefined} pendingWrites={1} onConfirm={() => undefined} />);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Sign out of every device?');
    expect(dialog).toHaveTextContent("1 change hasn't reached the server yet. Signing out will discard it.");
    expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toBeInTheDocument();
  });

  it('warns that unsent changes will be discarded', async () => {
    render(() => <SignOutDialog open onOpenChange={() => undefined} pendingWrites={2} onConfirm={() => undefined} />);
    expect(await screen.findByRole('dialog')).toHaveTextContent(
      "2 changes haven't reached the server yet. Signing out will discard them.",
    );
  });
});

describe('formatRelative', () => {
  it('says times the way people do', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelative(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(formatRelative(now - 86_400_000, now)).toBe('yesterday');
    expect(formatRelative(now - 3 * 7 * 86_400_000, now)).toBe('3 weeks ago');
  });

  it('never speaks of the future: a fast clock elsewhere reads "just now"', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(formatRelative(now + 90_000, now)).toBe('just now');
    expect(formatRelative(now + 3 * 3_600_000, now)).toBe('just now');
  });
});
