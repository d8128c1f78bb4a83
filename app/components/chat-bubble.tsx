/** A chat message as a bubble: agents on the right, the customer on the left. */
import { Show } from 'solid-js';
import { DeliveryState } from './delivery-state';
import { MessageAttachments } from './lazy-attachments';
import type { AttachmentBlob, MessageItem } from './message-item';
import { formatDateTime } from './now-clock';

/** Props: the message and whether it is the user's own (shows its delivery). */
export interface ChatBubbleProps {
  message: MessageItem;
  own: boolean;
  onRetry(): Promise<void>;
  onDiscard(): Promise<void>;
  attachmentBlob: AttachmentBlob;
}

/** One bubble with its sender, time and files; the body is text, never HTML. */
export function ChatBubble(props: ChatBubbleProps) {
  const side = () => (props.message.authorRole === 'agent' ? 'right' : 'left');
  return (
    <div
      class={`bubble-row bubble-${side()} role-${props.message.authorRole}`}
      classList={{ 'bubble-internal': props.message.visibility === 'internal' }}
    >
      <div class="bubble">
        <div class="bubble-meta">
          <span class="message-author">{props.message.authorName}</span>
          <Show when={props.message.visibility === 'internal'}><span class="internal-label">Internal note</span></Show>
          <time datetime={new Date(props.message.createdAt).toISOString()}>{formatDateTime(props.message.createdAt)}</time>
        </div>
        <div class="message-body">{props.message.body}</div>
        <Show when={props.message.attachments?.length}>
          <MessageAttachments attachments={props.message.attachments ?? []} attachmentBlob={props.attachmentBlob} />
        </Show>
      </div>
      <Show when={props.own}>
        <DeliveryState delivery={props.message.delivery} onRetry={props.onRetry} onDiscard={props.onDiscard} />
      </Show>
    </div>
  );
}
