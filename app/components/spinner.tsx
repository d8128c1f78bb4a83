/** A small spinner for buttons that are working, and the submit button of a form that shows it. */
import { Show, type ParentProps } from 'solid-js';

/** An inline spinning ring sized to the text around it; hidden from assistive tech (the button's label says it). */
export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

/**
 * A form's primary submit button: disabled and spinning while `busy`, disabled too while `disabled`; full width
 * (a sign-in card's) unless `inline`.
 */
export function BusySubmitButton(props: ParentProps<{ busy: boolean; disabled?: boolean; inline?: boolean }>) {
  return (
    <button
      type="submit" class={props.inline ? 'button button-primary' : 'button button-primary button-block'}
      disabled={props.busy || props.disabled} aria-busy={props.busy}
    >
      <Show when={props.busy}><Spinner /></Show>
      {props.children}
    </button>
  );
}
