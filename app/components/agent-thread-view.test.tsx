/** The agent's thread with plain props: controls, conversations, notes marked internal, composers, text-only bodies. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../model/constants';
import { DEFAULT_ATTACHMENT_LIMITS } from '../model/attachment';
import type { MessageItem } from './message-item';
import { AgentThreadView, type AgentThreadViewProps } from './agent-thread-view';

const T = Date.UTC(2026, 10, 24, 9, 0);
const msg = (id: string, over: Partial<MessageItem> = {}): MessageItem => ({
  id, channel: 'email', authorRole: 'customer', authorId: 'ada', authorName: 'Ada Lovelace', body: `Body ${id}`,
  createdAt: T, delivery: { state: 'sent' }, visibility: 'public', ...over,
});

function props(over: Partial<AgentThreadViewProps> = {}): AgentThreadViewProps {
  return {
    ticket: {
      id: 't1', number: 12, subject: 'Printer on fire', description: 'It smokes.', status: 'open', priority: 'high',
      assigneeId: null, customerName: 'Ada Lovelace', createdAt: T,
    },
    agents: [{ id: 'sam', name: 'Sam Rivera' }, { id: 'kim', name: 'Kim Lee' }],
    conversations: [{ id: 'c1', channel: 'email', messageCount: 2 }],
    selectedConversationId: 'c1', onSelectConversation: vi.fn(), onStartConversation: vi.fn(),
    channel: 'email', messages: [msg('m1'), msg('m2', { authorRole: 'agent', authorId: 'sam', authorName: 'Sam Rivera' })],
    userId: 'sam', replyDraft: '', onReplyInput: vi.fn(), onReply: vi.fn(async () => null),
    noteDraft: '', onNoteInput: vi.fn(), onNote: vi.fn(async () => null),
    attachmentLimits: DEFAULT_ATTACHMENT_LIMITS, mailOutbound: true, attachmentBlob: vi.fn(async () => new Blob()),
    onRetry: vi.fn(), onDiscard: vi.fn(), onStatusChange: vi.fn(), onPriorityChange: vi.fn(), onAssigneeChange: vi.fn(),
    backHref: '/agent', ...over,
  };
}

describe('AgentThreadView', () => {
  afterEach(cleanup);
  // The chosen files' list is loaded on first use: load it before the tests, and give images an object URL.
  beforeAll(async () => {
    await import('./chosen-file-list');
    URL.createObjectURL = vi.fn(() => 'blob:test/0');
    URL.revokeObjectURL = vi.fn();
  });

  it('shows the customer’s rating with its comment, also once the ticket is reopened, and nothing before one', () => {
    const base = props().ticket;
    const rated = { ...base, status: 'open' as const, rating: { value: 'bad' as const, comment: 'It came back.', ratedAt: T } };
    render(() => <AgentThreadView {...props({ ticket: rated })} />);
    const rating = screen.getByRole('region', { name: 'Customer’s rating' });
    expect(rating).toHaveTextContent('Rated Bad');
    expect(rating).toHaveTextContent('It came back.');
    expect(rating).toHaveTextContent('Nov 24, 2026');
    cleanup();
    render(() => <AgentThreadView {...props({ ticket: { ...base, rating: { value: 'good', comment: '', ratedAt: T } } })} />);
    expect(screen.getByText('Rated Good')).toBeInTheDocument();
    cleanup();
    render(() => <AgentThreadView {...props()} />);
    expect(screen.queryByRole('region', { name: 'Customer’s rating' })).toBeNull();
  });

  it('heads the thread with number, status, priority, subject and customer, and changes status, priority, assignee', () => {
    const p = props();
    render(() => <AgentThreadView {...p} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Printer on fire' })).toBeInTheDocument();
    expect(screen.getByText('TK-12')).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace', { selector: '.thread-customer' })).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('open');
    expect(screen.getByLabelText('Priority')).toHaveValue('high');
    expect(screen.getByLabelText('Assignee')).toHaveValue('');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'resolved' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'urgent' } });
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: 'kim' } });
    expect(p.onStatusChange).toHaveBeenCalledWith('resolved');
    expect(p.onPriorityChange).toHaveBeenCalledWith('urgent');
    expect(p.onAssigneeChange).toHaveBeenCalledWith('kim');
  });

  it('says, on an email reply while the portal sends no mail, that it is kept in Harbor but not sent; not with mail on', () => {
    const notice = 'Email is not set up: email replies are kept in Harbor but not sent.';
    const off = render(() => <AgentThreadView {...props({ mailOutbound: false })} />);
    expect(screen.getByText(notice)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /Note/ }));
    expect(screen.queryByText(notice)).not.toBeInTheDocument();
    off.unmount();
    render(() => <AgentThreadView {...props({ mailOutbound: true })} />);
    expect(screen.queryByText(notice)).not.toBeInTheDocument();
  });

  it('says nothing of mail on a chat or portal reply, and says it as soon as the agent starts an email', async () => {
    const notice = 'Email is not set up: email replies are kept in Harbor but not sent.';
    const chat = render(() => <AgentThreadView {...props({ mailOutbound: false, channel: 'chat' })} />);
    expect(screen.queryByText(notice)).not.toBeInTheDocument();
    chat.unmount();
    const portal = render(() => <AgentThreadView {...props({ mailOutbound: false, channel: 'portal' })} />);
    expect(screen.queryByText(notice)).not.toBeInTheDocument();
    portal.unmount();
    // Starting an email conversation selects the email channel: the container passes it down.
    const [channel, setChannel] = createSignal<Channel>('portal');
    const p = props({ mailOutbound: false, onStartConversation: vi.fn((c) => setChannel(c)) });
    render(() => <AgentThreadView {...p} channel={channel()} />);
    fireEvent.click(screen.getByRole('button', { name: '+ Email' }));
    expect(await screen.findByText(notice)).toBeInTheDocument();
  });

  it('labels the email composer "Reply to {customer}" and sends with the button', async () => {
    const p = props({ replyDraft: 'Hello Ada' });
    render(() => <AgentThreadView {...p} />);
    expect(screen.getByLabelText('Reply to Ada Lovelace')).toHaveValue('Hello Ada');
    fireEvent.keyDown(screen.getByLabelText('Reply to Ada Lovelace'), { key: 'Enter' });
    expect(p.onReply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(p.onReply).toHaveBeenCalledWith('Hello Ada', []));
  });

  it('sends a chat reply on Enter but not on Shift+Enter, and shows the agent\'s own bubbles on the right', async () => {
    const p = props({
      channel: 'chat', replyDraft: 'Hi!', conversations: [{ id: 'c2', channel: 'chat', messageCount: 2 }], selectedConversationId: 'c2',
      messages: [msg('m1', { channel: 'chat' }), msg('m2', { channel: 'chat', authorRole: 'agent', authorId: 'sam', authorName: 'Sam Rivera', delivery: { state: 'sending' } })],
    });
    const { container } = render(() => <AgentThreadView {...p} />);
    const box = screen.getByLabelText('Reply to Ada Lovelace');
    expect(box).toHaveAttribute('placeholder', 'Type a message. Enter sends, Shift+Enter starts a new line.');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(p.onReply).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(p.onReply).toHaveBeenCalledWith('Hi!', []));
    expect(container.querySelectorAll('.bubble-right')).toHaveLength(1);
    expect(container.querySelector('.bubble-right')).toHaveTextContent('Sending');
  });

  it('marks internal notes and adds one through the Note composer', async () => {
    const p = props({
      noteDraft: 'Refund approved',
      messages: [msg('m1'), msg('n1', { authorRole: 'agent', authorId: 'kim', authorName: 'Kim Lee', visibility: 'internal', body: 'VIP customer' })],
    });
    const { container } = render(() => <AgentThreadView {...p} />);
    const note = container.querySelector('.message-internal');
    expect(note).toHaveTextContent('Internal note');
    expect(note).toHaveTextContent('VIP customer');
    expect(container.querySelectorAll('.message-internal')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /Note/ }));
    expect(screen.getByLabelText('Note')).toHaveValue('Refund approved');
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(p.onNote).toHaveBeenCalledWith('Refund approved', []));
    expect(p.onReply).not.toHaveBeenCalled();
  });

  it('keeps files chosen for a note and for a reply apart, across the switch, and sends each with its text', async () => {
    const p = props({ replyDraft: 'See the label', noteDraft: 'Customer sent the label' });
    render(() => <AgentThreadView {...p} />);
    const label = new File(['label'], 'label.pdf', { type: 'application/pdf' });
    const shot = new File(['png'], 'shot.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText('Attach files'), { target: { files: [label] } });
    fireEvent.click(screen.getByRole('button', { name: /Note/ }));
    expect(screen.queryByText('label.pdf')).toBeNull();
    fireEvent.change(screen.getByLabelText('Attach files'), { target: { files: [shot] } });
    expect(await screen.findByText('shot.png')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(p.onNote).toHaveBeenCalledWith('Customer sent the label', [shot]));
    fireEvent.click(screen.getByRole('button', { name: /^Reply/ }));
    expect(await screen.findByText('label.pdf')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(p.onReply).toHaveBeenCalledWith('See the label', [label]));
  });

  it('starts an email or chat conversation and selects among several', () => {
    const p = props({ conversations: [{ id: 'c1', channel: 'portal', messageCount: 1 }, { id: 'c2', channel: 'chat', messageCount: 3 }] });
    render(() => <AgentThreadView {...p} />);
    fireEvent.click(screen.getByRole('button', { name: '+ Email' }));
    fireEvent.click(screen.getByRole('button', { name: '+ Chat' }));
    expect(p.onStartConversation).toHaveBeenNthCalledWith(1, 'email');
    expect(p.onStartConversation).toHaveBeenNthCalledWith(2, 'chat');
    fireEvent.click(screen.getByRole('button', { name: /^Chat/ }));
    expect(p.onSelectConversation).toHaveBeenCalledWith('c2');
  });

  it('shows message bodies holding HTML or script as text', () => {
    const evil = '<script>window.hacked=1</script><img src=x onerror="window.hacked=2">';
    const p = props({ messages: [msg('m1', { body: evil })], ticket: { ...props().ticket, subject: '<b>bold</b>' } });
    const { container } = render(() => <AgentThreadView {...p} />);
    expect(screen.getByText(evil)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('<b>bold</b>');
    expect(container.querySelector('.thread script, .thread img, .thread-title b')).toBeNull();
  });

  it('offers Retry and Discard on the agent\'s own failed message', async () => {
    const p = props({ messages: [msg('m9', { authorRole: 'agent', authorId: 'sam', authorName: 'Sam Rivera', delivery: { state: 'failed', reason: 'Refused' } })] });
    render(() => <AgentThreadView {...p} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Failed: Refused');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    // A click waits for the one before it to finish (the buttons are disabled meanwhile).
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Discard' })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(p.onRetry).toHaveBeenCalledWith('m9');
    expect(p.onDiscard).toHaveBeenCalledWith('m9');
  });
});
