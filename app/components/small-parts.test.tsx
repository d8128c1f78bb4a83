/** The update prompt, the sign-in-again banner, chips and the brand colour rule, with plain props. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readableOnWhite } from './brand-colors';
import { StatusChip, TicketNumberChip } from './chips';
import { ReauthBanner } from './reauth-banner';
import { UpdatePrompt } from './update-prompt';

describe('small parts', () => {
  afterEach(cleanup);

  it('offers Reload when a new version waits', () => {
    const onReload = vi.fn();
    render(() => <UpdatePrompt open onReload={onReload} onDismiss={() => undefined} />);
    expect(screen.getByRole('status')).toHaveTextContent('A new version is available');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });

  it('asks to sign in again and says unsent changes are kept', () => {
    render(() => <ReauthBanner pendingWrites={2} signInHref="/login?again=1" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended. Sign in again to keep syncing — your 2 unsent changes are kept on this device.');
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute('href', '/login?again=1');
  });

  it('shows TK-n, New · not yet numbered before a number, and status labels', () => {
    render(() => <><TicketNumberChip number={7} /><TicketNumberChip number={null} /><StatusChip status="pending" /></>);
    expect(screen.getByText('TK-7')).toHaveClass('chip-number');
    expect(screen.getByText('New · not yet numbered', { selector: '.chip-number' })).toHaveClass('chip-number-new');
    expect(screen.getByText('Pending', { selector: '.chip-status' })).toHaveClass('chip-pending');
  });

  it('darkens a light brand colour until white text on it reads at 4.5:1, and keeps a dark one', () => {
    expect(readableOnWhite('#1e3a8a')).toBe('#1e3a8a');
    const dark = readableOnWhite('#7dd3fc');
    expect(dark).not.toBe('#7dd3fc');
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    expect(1.05 / (lum(dark) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});
