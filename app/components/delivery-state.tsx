/** A message's delivery: Sending, Sent, or Failed with the server's reason and Retry / Discard. */
import { Match, Switch } from 'solid-js';

/** The delivery of one message, as the data layer reports it. */
export type DeliveryValue = { state: 'sending' } | { state: 'sent' } | { state: 'failed'; reason: string };

/** Props: the delivery and what Retry and Discard do. */
export interface DeliveryStateProps { delivery: DeliveryValue; onRetry(): void; onDiscard(): void }

/** A quiet line under the customer's own message; loud only when it failed. */
export function DeliveryState(props: DeliveryStateProps) {
  return (
    <Switch>
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
            <button type="button" class="button button-secondary button-small" onClick={() => props.onRetry()}>Retry</button>
            <button type="button" class="button button-ghost button-small" onClick={() => props.onDiscard()}>Discard</button>
          </span>
        )}
      </Match>
    </Switch>
  );
}
