/** A small spinner for buttons that are working, and the full-width submit button of a sign-in card that shows it. */
import { Show, type ParentProps } from 'solid-js';

/** An inline spinning ring sized to the text around it; hidden from assistive tech (the button's label says it). */
export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

/** A sign-in card's primary submit button: disabled and spinning while `busy`. */
export function BusySubmitButton(props: ParentProps<{ busy: boolean }>) {
  return (
    <button type="submit" class="button button-primary button-block" disabled={props.busy} aria-busy={props.busy}>
      <Show when={props.busy}><Spinner /></Show>
      {props.children}
    </button>
  );
}
