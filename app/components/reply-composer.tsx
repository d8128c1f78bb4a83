/** The reply composer under the messages: a text area and Send; the text is a draft kept by the caller. */
import { createSignal, createUniqueId, Show } from 'solid-js';
import { replyError } from '../model/text-rules';

/** Props: the draft value and its setter; `onSend` resolves to an error sentence, or null once written. */
export interface ReplyComposerProps {
  value: string;
  onInput(value: string): void;
  onSend(body: string): Promise<string | null>;
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

  async function send(e?: Event) {
    e?.preventDefault();
    if (busy()) return;
    const problem = replyError(props.value);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      setError(await props.onSend(props.value));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class={`composer ${props.class ?? ''}`} onSubmit={send}>
      <label class="field-label" for={id}>
        <Show when={props.label} fallback={<>Reply <span class="muted">· {props.channelLabel}</span></>}>{props.label}</Show>
      </label>
      <textarea
        id={id} class="input composer-input" rows={3} name="reply" placeholder={props.placeholder ?? (props.sendOnEnter ? CHAT_PLACEHOLDER : 'Write a reply…')}
        value={props.value}
        aria-invalid={error() ? 'true' : undefined}
        aria-describedby={error() ? `${id}-error` : undefined}
        onInput={(e) => { props.onInput(e.currentTarget.value); if (error()) setError(null); }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.isComposing) return;
          if (e.ctrlKey || e.metaKey || (props.sendOnEnter && !e.shiftKey)) void send(e);
        }}
      />
      <div class="composer-actions">
        <Show when={error()}><p class="field-error" id={`${id}-error`} role="alert">{error()}</p></Show>
        <button type="submit" class="button button-primary" disabled={busy()}>{props.submitLabel ?? 'Send'}</button>
      </div>
    </form>
  );
}
