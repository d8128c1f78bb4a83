/** The rating card with plain props: only on a resolved ticket, labelled toggles, the comment's limit told, thanks and change, refusals. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RatingValue } from '../model/constants';
import { RateAnswer, type RateAnswerProps, type RatingInfo } from './rate-answer';

/** The card over a rating that `onRate` sets, as the ticket would; returns the spies. */
function card(overrides: Partial<RateAnswerProps> & { initial?: RatingInfo } = {}) {
  const [rating, setRating] = createSignal<RatingInfo | undefined>(overrides.initial);
  const onRate = vi.fn(async (value: RatingValue, comment: string) => {
    setRating({ value, comment: comment.trim() });
    return null;
  });
  const onDismissFailure = vi.fn(async () => undefined);
  render(() => (
    <RateAnswer
      rating={rating()} delivery={overrides.delivery ?? null} canRate={overrides.canRate ?? true}
      onRate={overrides.onRate ?? onRate} onDismissFailure={onDismissFailure}
    />
  ));
  return { onRate, onDismissFailure };
}

describe('RateAnswer', () => {
  afterEach(cleanup);

  it('is not shown while the ticket cannot be rated', () => {
    card({ canRate: false, initial: { value: 'good', comment: '' } });
    expect(screen.queryByText('How was the answer?')).toBeNull();
  });

  it('asks for Good or Bad with labelled toggles, then sends the choice and the comment and thanks', async () => {
    const { onRate } = card();
    expect(screen.getByRole('heading', { name: 'How was the answer?' })).toBeInTheDocument();
    const good = screen.getByRole('button', { name: /Good/ });
    const bad = screen.getByRole('button', { name: /Bad/ });
    expect(good).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByText('Choose Good or Bad first.')).toBeInTheDocument();
    expect(onRate).not.toHaveBeenCalled();
    fireEvent.click(bad);
    expect(bad).toHaveAttribute('aria-pressed', 'true');
    fireEvent.input(screen.getByLabelText(/Comment/), { target: { value: 'It came back.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByText('Thanks for your rating.')).toBeInTheDocument();
    expect(onRate).toHaveBeenCalledWith('bad', 'It came back.');
    // The form that had the focus is gone: the thanks take it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByText('Thanks for your rating.')));
    expect(screen.getByText('Bad')).toBeInTheDocument();
    expect(screen.getByText('It came back.')).toBeInTheDocument();
    expect(screen.getByText('Sent')).toBeInTheDocument();
  });

  it('tells the comment’s limit before it is passed, and at once when it is, without sending', async () => {
    const { onRate } = card();
    const comment = screen.getByLabelText(/Comment/);
    expect(screen.getByText('Up to 1,000 characters.')).toBeInTheDocument();
    fireEvent.input(comment, { target: { value: 'x'.repeat(950) } });
    expect(screen.getByText('50 characters left.')).toBeInTheDocument();
    fireEvent.input(comment, { target: { value: 'x'.repeat(1_001) } });
    expect(screen.getByText('A comment may be at most 1,000 characters.')).toBeInTheDocument();
    expect(comment).toHaveAttribute('aria-invalid', 'true');
    fireEvent.click(screen.getByRole('button', { name: /Good/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(onRate).not.toHaveBeenCalled();
    expect(comment).toHaveValue('x'.repeat(1_001));
  });

  it('says a rating waits for the network, and lets it be changed from what was chosen', async () => {
    const { onRate } = card({ initial: { value: 'good', comment: 'Quick.' }, delivery: { state: 'waiting' } });
    expect(screen.getByText('Saved on this device, waiting for network')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Change rating' }));
    expect(screen.getByRole('button', { name: /Good/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText(/Comment/)).toHaveValue('Quick.');
    fireEvent.click(screen.getByRole('button', { name: /Bad/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByText('Thanks for your rating.')).toBeInTheDocument();
    expect(onRate).toHaveBeenCalledWith('bad', 'Quick.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByText('Thanks for your rating.')));
  });

  it('hides while the ticket is reopened and offers the kept rating to change once it is resolved again', () => {
    const [resolved, setResolved] = createSignal(true);
    render(() => (
      <RateAnswer
        rating={{ value: 'bad', comment: 'Slow.' }} delivery={null} canRate={resolved()}
        onRate={async () => null} onDismissFailure={async () => undefined}
      />
    ));
    expect(screen.getByText('Thanks for your rating.')).toBeInTheDocument();
    setResolved(false);
    expect(screen.queryByText('How was the answer?')).toBeNull();
    setResolved(true);
    fireEvent.click(screen.getByRole('button', { name: 'Change rating' }));
    expect(screen.getByRole('button', { name: 'Bad' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('Thanks for your rating.')).toBeInTheDocument();
  });

  it('says a refused rating was not saved and why, even once the ticket was reopened, and can dismiss it', () => {
    const { onDismissFailure } = card({ canRate: false, delivery: { state: 'failed', reason: 'only a resolved ticket can be rated' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Your rating was not saved: Only a resolved ticket can be rated.');
    expect(screen.queryByRole('button', { name: 'Send rating' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismissFailure).toHaveBeenCalled();
  });

  it('shows the sentence of a write the device refused, keeping the form', async () => {
    card({ onRate: async () => 'This device is out of storage space, so your rating was not saved.' });
    fireEvent.click(screen.getByRole('button', { name: /Good/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('out of storage space');
    expect(screen.getByRole('button', { name: /Good/ })).toHaveAttribute('aria-pressed', 'true');
  });
});
