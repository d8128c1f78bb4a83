/** The conversation selector: one chip per conversation, labelled by its channel (Portal, Email, Chat). */
import { For } from 'solid-js';
import type { Channel } from '../model/constants';

/** How each channel is named on screen. */
export const CHANNEL_LABELS: Record<Channel, string> = { portal: 'Portal', email: 'Email', chat: 'Chat' };

/** One conversation as the selector shows it. */
export interface ConversationChip { id: string; channel: Channel; messageCount: number }

/** Props: the conversations, the selected one, and what choosing does. */
export interface ConversationChipsProps { conversations: ConversationChip[]; selectedId: string | null; onSelect(id: string): void }

/** A group of toggle buttons; a channel used twice is numbered ("Email 2"). */
export function ConversationChips(props: ConversationChipsProps) {
  const label = (c: ConversationChip) => {
    const same = props.conversations.filter((o) => o.channel === c.channel);
    const n = same.indexOf(c);
    return same.length > 1 ? `${CHANNEL_LABELS[c.channel]} ${n + 1}` : CHANNEL_LABELS[c.channel];
  };
  return (
    <div class="conversation-chips" role="group" aria-label="Conversations">
      <For each={props.conversations}>
        {(c) => (
          <button
            type="button"
            class={`conversation-chip channel-${c.channel}`}
            aria-pressed={c.id === props.selectedId}
            onClick={() => props.onSelect(c.id)}
          >
            {label(c)}
            <span class="chip-count" aria-label={`${c.messageCount} messages`}>{c.messageCount}</span>
          </button>
        )}
      </For>
    </div>
  );
}
