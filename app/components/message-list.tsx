/** One conversation's messages in its channel's look: chat as bubbles, email and portal as collapsible cards. */
import { For, Match, Switch } from 'solid-js';
import type { Channel } from '../model/constants';
import { ChatBubble } from './chat-bubble';
import { MessageCard } from './message-card';
import type { AttachmentBlob, MessageItem } from './message-item';

/** How many of the latest cards start expanded; older ones show a one-line preview. */
const EXPANDED_TAIL = 3;

/** The messages (`undefined` while loading), the viewer's id (their own messages sit on the right) and actions. */
export function MessageList(props: {
  messages: MessageItem[] | undefined;
  channel: Channel;
  userId: string;
  emptyText: string;
  onRetry: (id: string) => Promise<void>;
  onDiscard: (id: string) => Promise<void>;
  /** A message's file as bytes, for its thumbnail or download. */
  attachmentBlob: AttachmentBlob;
  /** Receives the list element, e.g. to scroll a new message into view. */
  listRef?: (element: HTMLDivElement) => void;
}) {
  return (
    <Switch>
      <Match when={props.messages === undefined}><p class="empty" role="status">Loading messages…</p></Match>
      <Match when={props.messages?.length === 0}><p class="empty">{props.emptyText}</p></Match>
      <Match when={props.channel === 'chat'}>
        <div class="chat-thread" ref={props.listRef}>
          <For each={props.messages}>
            {(m) => (
              <ChatBubble message={m} own={m.authorId === props.userId}
                onRetry={() => props.onRetry(m.id)} onDiscard={() => props.onDiscard(m.id)}
                attachmentBlob={props.attachmentBlob} />
            )}
          </For>
        </div>
      </Match>
      <Match when={true}>
        <div class="card-thread" ref={props.listRef}>
          <For each={props.messages}>
            {(m, i) => (
              <MessageCard message={m} own={m.authorId === props.userId}
                initiallyExpanded={i() >= (props.messages?.length ?? 0) - EXPANDED_TAIL}
                onRetry={() => props.onRetry(m.id)} onDiscard={() => props.onDiscard(m.id)}
                attachmentBlob={props.attachmentBlob} />
            )}
          </For>
        </div>
      </Match>
    </Switch>
  );
}
