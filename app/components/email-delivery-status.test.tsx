/** An email reply's card with plain props: Queued, Sent or Failed with the reason, heard as "Email delivery: …", live; nothing without one. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmailDeliveryValue } from './email-delivery-status';
import type { MessageItem } from './message-item';
import { MessageList } from './message-list';

const T = Date.UTC(2026, 11, 7, 12, 0);
const reply = (id: string, emailDelivery?: EmailDeliveryValue): MessageItem => ({
  id, channel: 'email', authorRole: 'agent', authorId: 'sam', authorName: 'Sam Rivera', body: `Body ${id}`,
  createdAt: T, delivery: { state: 'sent' }, visibility: 'public', ...(emailDelivery && { emailDelivery }),
});

/** What a screen reader reads of each delivery line (aria-hidden parts left out). */
function spokenLines(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.email-delivery')].map((line) => {
    const copy = line.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return copy.textContent ?? '';
  });
}

function renderList(messages: () => MessageItem[], userId = 'sam') {
  return render(() => (
    <MessageList messages={messages()} channel="email" userId={userId} emptyText="None"
      onRetry={vi.fn()} onDiscard={vi.fn()} attachmentBlob={vi.fn(async () => new Blob())} />
  ));
}

describe('EmailDeliveryStatus on a card', () => {
  afterEach(cleanup);

  it('says Queued, Sent, or Failed with the mail server’s reason, and nothing on a message without a delivery', () => {
    const { container } = renderList(() => [
      reply('m1', { state: 'queued' }),
      reply('m2', { state: 'sent' }),
      reply('m3', { state: 'failed', reason: '550 5.1.1 mailbox unavailable' }),
      reply('m4'),
    ]);
    expect(spokenLines(container)).toEqual([
      'Email delivery: Queued', 'Email delivery: Sent', 'Email delivery: Failed: 550 5.1.1 mailbox unavailable',
    ]);
    const cards = container.querySelectorAll('.message-card');
    expect(cards[3]!.querySelector('.email-delivery')).toBeNull();
    expect(cards[2]!.querySelector('.email-delivery')).toHaveClass('email-delivery-failed');
  });

  it("shows on another agent's email reply too (every agent sees the mail's state)", () => {
    const { container } = renderList(() => [reply('m1', { state: 'sent' })], 'kim');
    expect(spokenLines(container)).toEqual(['Email delivery: Sent']);
  });

  it('changes on the card when the state changes', () => {
    const [state, setState] = createSignal<EmailDeliveryValue | undefined>(undefined);
    const { container } = renderList(() => [reply('m1', state())]);
    expect(spokenLines(container)).toEqual([]);
    setState({ state: 'queued' });
    expect(spokenLines(container)).toEqual(['Email delivery: Queued']);
    setState({ state: 'sent' });
    expect(spokenLines(container)).toEqual(['Email delivery: Sent']);
    setState({ state: 'failed', reason: '421 4.7.0 try again later' });
    expect(spokenLines(container)).toEqual(['Email delivery: Failed: 421 4.7.0 try again later']);
    expect(container.querySelectorAll('.message-card')).toHaveLength(1);
  });
});
