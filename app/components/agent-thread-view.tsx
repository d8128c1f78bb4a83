/** The inbox's right panel: the selected ticket's header, controls, conversations, messages, notes and composer. */
import { createEffect, on, Show } from 'solid-js';
import type { AttachmentLimits } from '../model/attachment';
import type { Channel, Priority, TicketStatus } from '../model/constants';
import { PriorityChip } from './agent-chips';
import { AgentComposer } from './agent-composer';
import { AgentRating, type AgentRatingInfo } from './agent-rating';
import type { FilesKeeper } from './chosen-files';
import { AgentTicketControls, type AgentOption, type ChangeResult } from './agent-ticket-controls';
import { StatusChip, TicketNumberChip } from './chips';
import { ConversationChips, type ConversationChip } from './conversation-chips';
import { MessageList } from './message-list';
import type { AttachmentBlob, MessageItem } from './message-item';
import { formatDate } from './now-clock';

/** The ticket's own fields the agent's thread shows. */
export interface AgentTicketInfo {
  id: string;
  number: number | null;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: Priority;
  assigneeId: string | null;
  customerName: string;
  createdAt: number;
  /** The customer's rating of the answer, once given (kept when the ticket is reopened). */
  rating?: AgentRatingInfo;
}

/** Props: plain values for the ticket and the selected conversation, and callbacks for every action. */
export interface AgentThreadViewProps {
  ticket: AgentTicketInfo;
  agents: AgentOption[];
  conversations: ConversationChip[];
  selectedConversationId: string;
  onSelectConversation(id: string): void;
  onStartConversation(channel: 'email' | 'chat'): void;
  channel: Channel;
  /** The selected conversation's messages and notes, oldest first; `undefined` while loading. */
  messages: MessageItem[] | undefined;
  userId: string;
  replyDraft: string;
  onReplyInput(value: string): void;
  onReply(body: string, files: readonly File[]): Promise<string | null>;
  noteDraft: string;
  onNoteInput(value: string): void;
  onNote(body: string, files: readonly File[]): Promise<string | null>;
  attachmentLimits: AttachmentLimits;
  replyFiles?: FilesKeeper;
  noteFiles?: FilesKeeper;
  /** Whether email replies leave as mail (the portal's SMTP is set up). */
  mailOutbound: boolean;
  attachmentBlob: AttachmentBlob;
  onRetry(messageId: string): Promise<void>;
  onDiscard(messageId: string): Promise<void>;
  onStatusChange(status: TicketStatus): ChangeResult;
  onPriorityChange(priority: Priority): ChangeResult;
  onAssigneeChange(assigneeId: string | null): ChangeResult;
  backHref: string;
}

/** The thread panel, headed by the ticket; its `h2` is the panel's title. */
export function AgentThreadView(props: AgentThreadViewProps) {
  let list: HTMLDivElement | undefined;
  // A message arriving while the thread is open (the customer's reply, the agent's own) scrolls into view;
  // opening the thread does not, so the header and controls show first.
  createEffect(on(() => props.messages?.length ?? 0, (count, before) => {
    if (before !== undefined && count > before) list?.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
  }));
  return (
    <article class="thread" aria-labelledby="thread-title">
      <header class="thread-header">
        <a class="back-link thread-back" href={props.backHref}><span aria-hidden="true">←</span> Back to inbox</a>
        <div class="ticket-chips">
          <TicketNumberChip number={props.ticket.number} />
          <StatusChip status={props.ticket.status} />
          <PriorityChip priority={props.ticket.priority} />
        </div>
        <h2 class="thread-title" id="thread-title">{props.ticket.subject}</h2>
        <p class="thread-meta">
          <span class="thread-customer">{props.ticket.customerName}</span>
          <span aria-hidden="true"> · </span>opened {formatDate(props.ticket.createdAt)}
        </p>
        <AgentTicketControls
          status={props.ticket.status} priority={props.ticket.priority} assigneeId={props.ticket.assigneeId}
          agents={props.agents} onStatusChange={props.onStatusChange}
          onPriorityChange={props.onPriorityChange} onAssigneeChange={props.onAssigneeChange}
        />
        <Show when={props.ticket.rating}>{(rating) => <AgentRating rating={rating()} />}</Show>
      </header>
      <Show when={props.ticket.description.trim()}>
        <section class="thread-description" aria-label="Description">
          <p class="message-body">{props.ticket.description}</p>
        </section>
      </Show>
      <section class="thread-messages" aria-label="Conversation">
        <div class="thread-conversations">
          <ConversationChips
            conversations={props.conversations} selectedId={props.selectedConversationId}
            onSelect={props.onSelectConversation}
          />
          <div class="thread-start" role="group" aria-label="Start a conversation">
            <button type="button" class="button button-ghost button-small" onClick={() => props.onStartConversation('email')}>+ Email</button>
            <button type="button" class="button button-ghost button-small" onClick={() => props.onStartConversation('chat')}>+ Chat</button>
          </div>
        </div>
        <MessageList
          messages={props.messages} channel={props.channel} userId={props.userId}
          emptyText="No messages in this conversation yet. Write the first one below."
          onRetry={props.onRetry} onDiscard={props.onDiscard} listRef={(element) => (list = element)}
          attachmentBlob={props.attachmentBlob}
        />
        <AgentComposer
          channel={props.channel} customerName={props.ticket.customerName}
          replyDraft={props.replyDraft} onReplyInput={props.onReplyInput} onReply={props.onReply}
          attachmentLimits={props.attachmentLimits} replyFiles={props.replyFiles} noteFiles={props.noteFiles} mailOutbound={props.mailOutbound}
          noteDraft={props.noteDraft} onNoteInput={props.onNoteInput} onNote={props.onNote}
        />
      </section>
    </article>
  );
}
