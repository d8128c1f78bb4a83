/** A message's delivery: Waiting for network, Sending, Sent, or Failed with the server's reason and Retry / Discard (saying why either failed). */
import { Match, Show, Switch, createSignal } from 'solid-js';

/** The delivery of one message, as the data layer reports it. */
export type DeliveryValue = { state: 'waiting' } | { state: 'sending' } | { state: 'sent' } | { state: 'failed'; reason: string };

/** Props: the delivery and what Retry and Discard do (each rejects with a sentence for the screen). */
export interface DeliveryStateProps { delivery: DeliveryValue; onRetry(): Promise<void>; onDiscard(): Promise<void> }

/** A quiet line under the customer's own message; loud only when it failed. */
export function DeliveryState(props: DeliveryStateProps) {
  const [trouble, setTrouble] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setTrouble(null);
    setBusy(true);
    try {
      await action();
    } catch (error) {
      setTrouble(error instanceof Error && error.message ? error.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Switch>
      <Match when={props.delivery.state === 'waiting'}>
        <span class="delivery delivery-sending"><span class="delivery-dot" aria-hidden="true" />Waiting for network</span>
      </Match>
      <Match when={props.delivery.state === 'sending'}>
        <span class="delivery delivery-sending"><span class="delivery-dot" aria-hidden="true" />Sending</span>
      </Match>
      <Match when={props.delivery.state === 'sent'}>
        <span class="delivery delivery-sent"><span aria-hidden="true">✓ </span>Sent</span>
      </Match>
      <Match when={props.delivery.state === 'failed' && props.delivery}>
        {(d) => (
          <span class="delivery delivery-failed" role="alert">
            <span>Failed: {(d() as { reason: string }).reason}</span>
            <button type="button" class="button button-secondary button-small" disabled={busy()} onClick={() => void run(props.onRetry)}>Retry</button>
            <button type="button" class="button button-ghost button-small" disabled={busy()} onClick={() => void run(props.onDiscard)}>Discard</button>
            <Show when={trouble()}>{(text) => <span class="delivery-trouble">{text()}</span>}</Show>
          </span>
        )}
      </Match>
    </Switch>
  );
}
