/** The ticket screen: header, info bar, description, the rating once resolved, conversation selector, messages and the composer. */
import { createSignal, Show } from 'solid-js';
import type { AttachmentLimits } from '../model/attachment';
import type { Channel, RatingValue, TicketStatus } from '../model/constants';
import { ConfirmDialog } from './confirm-dialog';
import type { DeliveryValue } from './delivery-state';
import { CHANNEL_LABELS, ConversationChips, type ConversationChip } from './conversation-chips';
import { MessageList } from './message-list';
import type { AttachmentBlob, MessageItem } from './message-item';
import { createChosenFiles, type FilesKeeper } from './chosen-files';
import { RateAnswer, type RatingInfo } from './rate-answer';
import { ReplyComposer } from './reply-composer';
import { TicketHeader } from './ticket-header';

/** The ticket's own fields the screen shows. */
export interface TicketInfo {
  id: string; number: number | null; subject: string; description: string; status: TicketStatus; createdAt: number;
  rating?: RatingInfo;
}

/** Props: plain values for the ticket and the selected conversation, and callbacks for every action. */
export interface TicketDetailViewProps {
  ticket: TicketInfo;
  messageCount: number;
  conversations: ConversationChip[];
  selectedConversationId: string | null;
  onSelectConversation(id: string): void;
  channel: Channel;
  messages: MessageItem[] | undefined;
  userId: string;
  draft: string;
  onDraftInput(value: string): void;
  onSend(body: string, files: readonly File[]): Promise<string | null>;
  attachmentLimits: AttachmentLimits;
  /** Where the reply's chosen files are kept (the device's draft of the conversation); memory when absent. */
  replyFiles?: FilesKeeper;
  attachmentBlob: AttachmentBlob;
  onRetry(messageId: string): Promise<void>;
  onDiscard(messageId: string): Promise<void>;
  /** Rejects with the sentence to show in the dialog when the change could not be saved. */
  onMarkResolved(): Promise<void>;
  /** Where the rating is on its way (`null` once sent or never given). */
  ratingDelivery: DeliveryValue | null;
  /** Resolves to a sentence for the screen when the rating could not be saved, else null. */
  onRate(value: RatingValue, comment: string): Promise<string | null>;
  onDismissRatingFailure(): Promise<void>;
  backHref: string;
  newRequestHref: string;
}

/** The ticket detail body. */
export function TicketDetailView(props: TicketDetailViewProps) {
  const replyChosen = createChosenFiles(props.replyFiles);
  const [confirming, setConfirming] = createSignal(false);
  const [resolving, setResolving] = createSignal(false);
  const [resolveError, setResolveError] = createSignal<string | null>(null);
  const resolvable = () => props.ticket.status === 'open' || props.ticket.status === 'pending';

  async function resolve() {
    setResolving(true);
    setResolveError(null);
    try {
      await props.onMarkResolved();
      setConfirming(false);
    } catch (error) {
      setResolveError(error instanceof Error ? error.message : 'The ticket could not be marked resolved.');
    } finally {
      setResolving(false);
    }
  }
  const openConfirm = (open: boolean) => {
    setResolveError(null);
    setConfirming(open);
  };

  return (
    <main class="page page-narrow" id="main">
      <TicketHeader
        number={props.ticket.number} subject={props.ticket.subject} status={props.ticket.status}
        createdAt={props.ticket.createdAt} messageCount={props.messageCount} backHref={props.backHref}
        onMarkResolved={resolvable() ? () => openConfirm(true) : undefined}
      />
      <Show when={props.ticket.description.trim()}>
        <section class="card description-card" aria-labelledby="description-title">
          <h2 class="card-title" id="description-title">Description</h2>
          <p class="message-body">{props.ticket.description}</p>
        </section>
      </Show>
      <RateAnswer
        rating={props.ticket.rating} delivery={props.ratingDelivery} canRate={props.ticket.status === 'resolved'}
        onRate={props.onRate} onDismissFailure={props.onDismissRatingFailure}
      />
      <section class="card messages-card" aria-labelledby="messages-title">
        <div class="messages-card-header">
          <h2 class="card-title" id="messages-title">Conversation</h2>
          <Show when={props.conversations.length > 1}>
            <ConversationChips
              conversations={props.conversations} selectedId={props.selectedConversationId}
              onSelect={props.onSelectConversation}
            />
          </Show>
        </div>
        <MessageList
          messages={props.messages} channel={props.channel} userId={props.userId}
          emptyText="No messages in this conversation yet." onRetry={props.onRetry} onDiscard={props.onDiscard}
          attachmentBlob={props.attachmentBlob}
        />
        <Show
          when={props.ticket.status !== 'closed'}
          fallback={
            <div class="closed-notice">
              <p>This request is closed, so it can't take replies. Need more help? Start a new request.</p>
              <a class="button button-primary" href={props.newRequestHref}>New Request</a>
            </div>
          }
        >
          {/* Only once the messages are in: until then the conversation a reply (and its draft) belongs to is not known. */}
          <Show when={props.messages !== undefined}>
            <ReplyComposer
              value={props.draft} onInput={props.onDraftInput} onSend={props.onSend}
              channelLabel={CHANNEL_LABELS[props.channel]} attachmentLimits={props.attachmentLimits}
              sendOnEnter={props.channel === 'chat'} chosen={replyChosen}
            />
          </Show>
        </Show>
      </section>
      <ConfirmDialog
        open={confirming()} onOpenChange={openConfirm} title="Mark as resolved?"
        confirmLabel="Mark as resolved" busy={resolving()} onConfirm={() => void resolve()}
      >
        <p>We'll let the support team know this request is sorted. If you need more help later, just reply and it opens again.</p>
        <Show when={resolveError()}><p class="form-error" role="alert">{resolveError()}</p></Show>
      </ConfirmDialog>
    </main>
  );
}
