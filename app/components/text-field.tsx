/** A labelled text input or textarea whose error shows at the field, in words, tied by aria-describedby. */
import { Show, createUniqueId } from 'solid-js';

/** Props: value and callbacks are plain; `error` is shown only when set. */
export interface TextFieldProps {
  label: string;
  value: string;
  onInput(value: string): void;
  onBlur?(): void;
  error?: string | null;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'email' | 'password';
  name?: string;
  autocomplete?: string;
  required?: boolean;
  optional?: boolean;
  ref?: (el: HTMLInputElement | HTMLTextAreaElement) => void;
}

/** One form field: label, control, hint and error. */
export function TextField(props: TextFieldProps) {
  const id = createUniqueId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = () =>
    [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = () => ({
    id,
    name: props.name,
    class: 'input',
    value: props.value,
    required: props.required,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(),
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      props.onInput(e.currentTarget.value),
    onBlur: () => props.onBlur?.(),
  });
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <label class="field-label" for={id}>
        {props.label}
        <Show when={props.optional}><span class="field-optional"> (optional)</span></Show>
      </label>
      <Show when={props.hint}><p class="field-hint" id={hintId}>{props.hint}</p></Show>
      <Show
        when={props.multiline}
        fallback={<input {...common()} ref={props.ref} type={props.type ?? 'text'} autocomplete={props.autocomplete} />}
      >
        <textarea {...common()} ref={props.ref} rows={props.rows ?? 4} />
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={errorId}>{props.error}</p>
      </Show>
    </div>
  );
}
