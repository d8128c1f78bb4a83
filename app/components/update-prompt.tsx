/** The "A new version is available" prompt shown when a new build's service worker is waiting. */
import { Show } from 'solid-js';

/** A small toast with Reload (activates the new build) and Later. */
export function UpdatePrompt(props: { open: boolean; onReload(): void; onDismiss(): void }) {
  return (
    <Show when={props.open}>
      <div class="toast" role="status" aria-live="polite">
        <span>A new version is available</span>
        <button type="button" class="button button-primary button-small" onClick={() => props.onReload()}>Reload</button>
        <button type="button" class="button button-ghost button-small" onClick={() => props.onDismiss()}>Later</button>
      </div>
    </Show>
  );
}
