/** The ticket screen with plain props: header, chips, cards and bubbles, delivery states, composer, closed tickets. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ATTACHMENT_LIMITS } from '../model/attachment';
import type { Channel } from '../model/constants';
import type { MessageItem } from './message-item';
import { TicketDetailView, type TicketDetailViewProps } from './ticket-detail-view';

const T0 = Date.UTC(2026, 10, 20, 9);

function message(id: string, role: 'customer' | 'agent', channel: Channel, extra: Partial<MessageItem> = {}): MessageItem {
  return {
    id, channel, authorRole: role, authorId: role === 'customer' ? 'u1' : 'a1',
    authorName: role === 'customer' ? 'Ann Customer' : 'Sam Agent', body: `Body of ${id}`, createdAt: T0,
    delivery: { state: 'sent' }, ...extra,
  };
}

function view(overrides: Partial<TicketDetailViewProps> = {}) {
  const props: TicketDetailViewProps = {
    ticket: { id: 't1', number: 42, subject: 'Printer on fire', description: 'Third floor.', status: 'open', createdAt: T0 },
    messageCount: 2,
    conversations: [{ id: 't1', channel: 'portal', messageCount: 2 }],
    selectedConversationId: 't1', onSelectConversation: vi.fn(), channel: 'portal',
    messages: [message('m1', 'customer', 'portal'), message('m2', 'agent', 'portal')],
    userId: 'u1', draft: '', onDraftInput: vi.fn(), onSend: vi.fn(async () => null),
    attachmentLimits: DEFAULT_ATTACHMENT_LIMITS, attachmentBlob: vi.fn(async () => new Blob()),
    onRetry: vi.fn(), onDiscard: vi.fn(), onMarkResolved: vi.fn(async () => undefined),
    ratingDelivery: null, onRate: vi.fn(async () => null), onDismissRatingFailure: vi.fn(async () => undefined),
    backHref: '/tickets', newRequestHref: '/tickets/new', ...overrides,
  };
  render(() => <TicketDetailView {...props} />);
  return props;
}

describe('TicketDetailView', () => {
  afterEach(cleanup);

  it('shows the header, info bar, description and message cards; no selector for one conversation', () => {
    view();
    expect(screen.getByText('TK-42')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Printer on fire' })).toBeInTheDocument();
    expect(screen.getByText('Open')).toBeInTheDocument();
    expect(screen.getByText('Nov 20, 2026')).toBeInTheDocument();
    expect(screen.getByText('Third floor.')).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(screen.getByText('Support agent')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Conversations' })).toBeNull();
  });

  it('says New · not yet numbered, not the Pending status, until the server numbers the ticket', () => {
    view({ ticket: { id: 't1', number: null, subject: 'S', description: '', status: 'open', createdAt: T0 } });
    expect(screen.getByText('New · not yet numbered')).toBeInTheDocument();
    expect(screen.queryByText('Pending')).toBeNull();
  });

  it('renders a body as text, never HTML, and collapses it', () => {
    view({ messages: [message('m1', 'agent', 'email', { body: '<img src=x onerror=alert(1)>' })], channel: 'email' });
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('.message-body img')).toBeNull();
    const toggle = screen.getByRole('button', { name: /Collapse message/ });
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: /Expand message/ })).toHaveAttribute('aria-expanded', 'false');
  });

  it('labels conversation chips by channel and switches on click', () => {
    const props = view({
      conversations: [{ id: 't1', channel: 'portal', messageCount: 1 }, { id: 'c2', channel: 'chat', messageCount: 3 }],
    });
    const group = screen.getByRole('group', { name: 'Conversations' });
    expect(within(group).getByRole('button', { name: /Portal/ })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(within(group).getByRole('button', { name: /Chat/ }));
    expect(props.onSelectConversation).toHaveBeenCalledWith('c2');
  });

  it('shows chat as bubbles: agent right, customer left', () => {
    view({ channel: 'chat', messages: [message('m1', 'customer', 'chat'), message('m2', 'agent', 'chat')] });
    expect(screen.getByText('Body of m1').closest('.bubble-row')).toHaveClass('bubble-left');
    expect(screen.getByText('Body of m2').closest('.bubble-row')).toHaveClass('bubble-right');
  });

  it('shows each own message\'s delivery: Sending, Sent, Failed with the reason, Retry and Discard', async () => {
    const props = view({
      messages: [
        message('m1', 'customer', 'portal', { delivery: { state: 'sending' } }),
        message('m2', 'customer', 'portal'),
        message('m3', 'customer', 'portal', { delivery: { state: 'failed', reason: 'this ticket is closed' } }),
      ],
    });
    expect(screen.getByText('Sending')).toBeInTheDocument();
    expect(screen.getByText('Sent')).toBeInTheDocument();
    expect(screen.getByText('Failed: this ticket is closed')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    // A click waits for the one before it to finish (the buttons are disabled meanwhile).
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Discard' })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(props.onRetry).toHaveBeenCalledWith('m3');
    expect(props.onDiscard).toHaveBeenCalledWith('m3');
  });

  it('sends a short reply, and refuses an empty one in words', async () => {
    const props = view({ draft: 'Thanks!' });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(props.onSend).toHaveBeenCalledWith('Thanks!', []);
    cleanup();
    const empty = view({ draft: '  ' });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Write a reply first.')).toBeInTheDocument();
    expect(empty.onSend).not.toHaveBeenCalled();
  });

  it('sends a chat reply on Enter (not Shift+Enter) and says so in the placeholder; a portal reply keeps Enter for new lines', async () => {
    const chat = view({
      draft: 'Hi!', channel: 'chat', conversations: [{ id: 'c2', channel: 'chat', messageCount: 1 }], selectedConversationId: 'c2',
      messages: [message('m1', 'customer', 'chat')],
    });
    const box = screen.getByRole('textbox', { name: /Reply/ });
    expect(box).toHaveAttribute('placeholder', 'Type a message. Enter sends, Shift+Enter starts a new line.');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(chat.onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    await vi.waitFor(() => expect(chat.onSend).toHaveBeenCalledWith('Hi!', []));
    cleanup();
    const portal = view({ draft: 'Hello' });
    const portalBox = screen.getByRole('textbox', { name: /Reply/ });
    expect(portalBox).toHaveAttribute('placeholder', 'Write a reply…');
    fireEvent.keyDown(portalBox, { key: 'Enter' });
    expect(portal.onSend).not.toHaveBeenCalled();
  });

  it('offers the reply box only once the messages are in (the conversation it replies to is known then)', () => {
    view({ messages: undefined });
    expect(screen.queryByRole('textbox', { name: /Reply/ })).not.toBeInTheDocument();
    cleanup();
    view();
    expect(screen.getByRole('textbox', { name: /Reply/ })).toBeInTheDocument();
  });

  it('marks resolved after confirming in a dialog', async () => {
    const props = view();
    fireEvent.click(screen.getByRole('button', { name: /Mark as resolved/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mark as resolved' }));
    expect(props.onMarkResolved).toHaveBeenCalled();
  });

  it('says in the dialog why marking resolved could not be saved, and keeps the dialog open', async () => {
    const why = 'This device is out of storage space, so the ticket was not marked resolved.';
    view({ onMarkResolved: vi.fn(async () => { throw new Error(why); }) });
    fireEvent.click(screen.getByRole('button', { name: /Mark as resolved/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mark as resolved' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(why);
    expect(within(dialog).getByRole('button', { name: 'Mark as resolved' })).toBeEnabled();
  });

  it('offers a new request instead of the composer on a closed ticket', () => {
    view({ ticket: { id: 't1', number: 42, subject: 'S', description: '', status: 'closed', createdAt: T0 } });
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Mark as resolved/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'New Request' })).toHaveAttribute('href', '/tickets/new');
  });
});
