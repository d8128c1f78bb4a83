/** The reply composer under the messages: a text area, files and Send; the text is a draft kept by the caller. */
import { createSignal, createUniqueId, Show } from 'solid-js';
import type { AttachmentLimits } from '../model/attachment';
import { replyError } from '../model/text-rules';
import { AttachFiles } from './attach-files';
import { createChosenFiles, type ChosenFilesState } from './chosen-files';
import { createFileDrop } from './file-drop';

/** Props: the draft value and its setter; `onSend` resolves to an error sentence, or null once written. */
export interface ReplyComposerProps {
  value: string;
  onInput(value: string): void;
  /** `files` are the chosen files shown when Send was pressed ([] when none, or when the reply takes none). */
  onSend(body: string, files: readonly File[]): Promise<string | null>;
  /** The limits to tell and check; without them the composer takes no files. */
  attachmentLimits?: AttachmentLimits;
  /** The chosen files, when the caller keeps them (e.g. across the agent's Reply / Note switch); else the composer's own. */
  chosen?: ChosenFilesState;
  channelLabel: string;
  /** Replaces "Reply · {channel}" as the field's label (e.g. "Reply to Ada Lovelace"). */
  label?: string;
  /** Chat: Enter sends and Shift+Enter makes a new line (and the placeholder says so). */
  sendOnEnter?: boolean;
  placeholder?: string;
  submitLabel?: string;
  /** Extra class on the form (e.g. the internal note's look). */
  class?: string;
}

const CHAT_PLACEHOLDER = 'Type a message. Enter sends, Shift+Enter starts a new line.';

/** Ctrl/Cmd+Enter sends too; with `sendOnEnter`, Enter alone sends (Shift+Enter is a new line). */
export function ReplyComposer(props: ReplyComposerProps) {
  const id = createUniqueId();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let box: HTMLTextAreaElement | undefined;
  // Who keeps the files is decided once, at setup.
  const chosen = props.chosen ?? createChosenFiles();
  const drop = createFileDrop(() => props.attachmentLimits, (files, limits) => chosen.add(files, limits));

  async function send(e?: Event) {
    e?.preventDefault();
    if (busy()) return;
    const files = props.attachmentLimits ? chosen.files() : [];
    // Files alone are a reply (a screenshot says it).
    const problem = replyError(props.value, files.length > 0);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const result = await props.onSend(props.value, files);
      setError(result);
      if (result === null) chosen.sent(files);
    } finally {
      setBusy(false);
      // Send is disabled while saving, which drops its focus to the page body: bring it back to the text, ready
      // for the next message (or for the correction the error asks for).
      if (!document.activeElement || document.activeElement === document.body) box?.focus();
    }
  }

  return (
    <form
      class={`composer ${props.class ?? ''}`} classList={{ 'drop-over': drop.over() }} onSubmit={send}
      onDragEnter={drop.onDragEnter} onDragOver={drop.onDragOver} onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop} onPaste={drop.onPaste}
    >
      <label class="field-label" for={id}>
        <Show when={props.label} fallback={<>Reply <span class="muted">· {props.channelLabel}</span></>}>{props.label}</Show>
      </label>
      <textarea
        ref={box} id={id} class="input composer-input" rows={3} name="reply" placeholder={props.placeholder ?? (props.sendOnEnter ? CHAT_PLACEHOLDER : 'Write a reply…')}
        value={props.value}
        aria-invalid={error() ? 'true' : undefined}
        aria-describedby={error() ? `${id}-error` : undefined}
        onInput={(e) => { props.onInput(e.currentTarget.value); if (error()) setError(null); }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.isComposing) return;
          if (e.ctrlKey || e.metaKey || (props.sendOnEnter && !e.shiftKey)) void send(e);
        }}
      />
      <Show when={props.attachmentLimits}>
        {(limits) => <AttachFiles chosen={chosen} limits={limits()} />}
      </Show>
      <div class="composer-actions">
        <Show when={error()}><p class="field-error" id={`${id}-error`} role="alert">{error()}</p></Show>
        <button type="submit" class="button button-primary" disabled={busy()}>{props.submitLabel ?? 'Send'}</button>
      </div>
    </form>
  );
}
