/** An email or portal message as a card: sender, role, timestamp, a body that can be collapsed and its files. */
import { createSignal, createUniqueId, Show } from 'solid-js';
import { DeliveryState } from './delivery-state';
import { EmailDeliveryStatus } from './email-delivery-status';
import { MessageAttachments } from './lazy-attachments';
import { ROLE_LABELS, type AttachmentBlob, type MessageItem } from './message-item';
import { formatDateTime } from './now-clock';

/** Props: the message, whether it is the user's own (shows its delivery), and starting expanded or not. */
export interface MessageCardProps {
  message: MessageItem;
  own: boolean;
  initiallyExpanded: boolean;
  onRetry(): Promise<void>;
  onDiscard(): Promise<void>;
  attachmentBlob: AttachmentBlob;
}

/** "1 file" or "3 files": what a collapsed card says of its attachments. */
const fileCount = (n: number) => `${n} ${n === 1 ? 'file' : 'files'} attached`;

/** The body is text, never HTML; collapsing leaves a one-line preview (and how many files, fetched once expanded). */
export function MessageCard(props: MessageCardProps) {
  const [expanded, setExpanded] = createSignal(props.initiallyExpanded);
  const bodyId = createUniqueId();
  return (
    <article
      class={`message-card role-${props.message.authorRole}`}
      classList={{ 'message-own': props.own, 'message-internal': props.message.visibility === 'internal' }}
    >
      <header class="message-card-header">
        <span class="avatar" aria-hidden="true">{props.message.authorName.slice(0, 1).toUpperCase()}</span>
        <div class="message-meta">
          <span class="message-author">{props.message.authorName}</span>
          <span class="message-role">
            {props.message.visibility === 'internal' ? 'Internal note' : ROLE_LABELS[props.message.authorRole]}
          </span>
        </div>
        <time class="message-time" datetime={new Date(props.message.createdAt).toISOString()}>
          {formatDateTime(props.message.createdAt)}
        </time>
        <button
          type="button" class="button button-ghost button-icon-only"
          aria-expanded={expanded()} aria-controls={bodyId}
          aria-label={expanded() ? `Collapse message from ${props.message.authorName}` : `Expand message from ${props.message.authorName}`}
          onClick={() => setExpanded((v) => !v)}
        >
          <span class="chevron" classList={{ 'chevron-open': expanded() }} aria-hidden="true" />
        </button>
      </header>
      <div id={bodyId} class="message-body" classList={{ 'message-body-collapsed': !expanded() }}>
        {props.message.body}
      </div>
      <Show when={props.message.attachments?.length}>
        {(count) => (
          <div class="message-attachments">
            <Show when={expanded()} fallback={<p class="attachment-count">{fileCount(count())}</p>}>
              <MessageAttachments attachments={props.message.attachments ?? []} attachmentBlob={props.attachmentBlob} />
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.message.emailDelivery}>
        {(mail) => <EmailDeliveryStatus delivery={mail()} />}
      </Show>
      <Show when={props.own}>
        <footer class="message-footer">
          <DeliveryState delivery={props.message.delivery} onRetry={props.onRetry} onDiscard={props.onDiscard} />
        </footer>
      </Show>
    </article>
  );
}
