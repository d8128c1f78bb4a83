/** The agent's composer: a public reply to the customer, or an internal note only agents see. */
import { createSignal, Show } from 'solid-js';
import type { AttachmentLimits } from '../model/attachment';
import type { Channel } from '../model/constants';
import { createChosenFiles, type FilesKeeper } from './chosen-files';
import { CHANNEL_LABELS } from './conversation-chips';
import { ReplyComposer } from './reply-composer';

/** Props: the conversation's channel, the customer's name, the two drafts and what sending does. */
export interface AgentComposerProps {
  channel: Channel;
  customerName: string;
  replyDraft: string;
  onReplyInput(value: string): void;
  onReply(body: string, files: readonly File[]): Promise<string | null>;
  noteDraft: string;
  onNoteInput(value: string): void;
  onNote(body: string, files: readonly File[]): Promise<string | null>;
  attachmentLimits: AttachmentLimits;
  /** Where the reply's and the note's chosen files are kept (the device's drafts); memory when absent. */
  replyFiles?: FilesKeeper;
  noteFiles?: FilesKeeper;
  /** Whether email replies leave as mail; when not, an email reply says so (it is kept in Harbor only). */
  mailOutbound: boolean;
}

/** What an email reply says while the portal sends no mail. */
export const MAIL_OFF_NOTICE = 'Email is not set up: email replies are kept in Harbor but not sent.';

/** Two toggle buttons pick Reply or Note; chat replies send on Enter, email and notes on Ctrl+Enter or Send. */
export function AgentComposer(props: AgentComposerProps) {
  const [mode, setMode] = createSignal<'reply' | 'note'>('reply');
  // Kept here, not in each composer, so that switching between Reply and Note keeps what was chosen for each.
  const replyFiles = createChosenFiles(props.replyFiles);
  const noteFiles = createChosenFiles(props.noteFiles);
  return (
    <div class="agent-composer" classList={{ 'agent-composer-note': mode() === 'note' }}>
      <div class="composer-modes" role="group" aria-label="Write">
        <button type="button" class="composer-mode" aria-pressed={mode() === 'reply'} onClick={() => setMode('reply')}>
          Reply <span class="muted">· {CHANNEL_LABELS[props.channel]}</span>
        </button>
        <button type="button" class="composer-mode composer-mode-note" aria-pressed={mode() === 'note'} onClick={() => setMode('note')}>
          Note <span class="muted">· internal</span>
        </button>
      </div>
      <Show when={mode() === 'reply' && props.channel === 'email' && !props.mailOutbound}>
        <p class="composer-notice">{MAIL_OFF_NOTICE}</p>
      </Show>
      <Show
        when={mode() === 'reply'}
        fallback={
          <ReplyComposer
            class="composer-note" channelLabel="Internal note" label="Note" submitLabel="Add note"
            placeholder="Only agents see notes. The customer never receives them."
            value={props.noteDraft} onInput={props.onNoteInput} onSend={props.onNote}
            chosen={noteFiles} attachmentLimits={props.attachmentLimits}
          />
        }
      >
        <ReplyComposer
          channelLabel={CHANNEL_LABELS[props.channel]} label={`Reply to ${props.customerName}`}
          sendOnEnter={props.channel === 'chat'}
          value={props.replyDraft} onInput={props.onReplyInput} onSend={props.onReply}
          chosen={replyFiles} attachmentLimits={props.attachmentLimits}
        />
      </Show>
    </div>
  );
}
