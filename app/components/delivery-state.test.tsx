/** DeliveryState: the failed line's Retry and Discard, and the sentence shown when either could not be done. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryState } from './delivery-state';

afterEach(cleanup);

const failed = { state: 'failed', reason: 'The ticket is closed' } as const;

describe('DeliveryState', () => {
  it('shows why a Retry did not happen, next to the buttons, and clears it when the next try works', async () => {
    const onRetry = vi.fn()
      .mockRejectedValueOnce(new Error('This device is out of storage space, so the message was not sent again.'))
      .mockResolvedValueOnce(undefined);
    render(() => <DeliveryState delivery={failed} onRetry={onRetry} onDiscard={vi.fn()} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Failed: The ticket is closed');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('This device is out of storage space, so the message was not sent again.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await vi.waitFor(() => expect(screen.queryByText(/out of storage space/)).toBeNull());
    expect(onRetry).toHaveBeenCalledTimes(2);
  });

  it('says so when Discard fails, and keeps both buttons', async () => {
    const onDiscard = vi.fn().mockRejectedValue(new Error('This device could not store that, so the message was not discarded.'));
    render(() => <DeliveryState delivery={failed} onRetry={vi.fn()} onDiscard={onDiscard} />);
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(await screen.findByText(/the message was not discarded/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Discard' })).toBeEnabled();
  });
});
