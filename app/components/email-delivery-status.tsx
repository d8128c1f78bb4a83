/** An email reply's mail, on its card (agents only): Queued, Sent, or Failed with the mail server's reason. */
import { Match, Switch } from 'solid-js';

/** What the server last recorded of the mail. */
export type EmailDeliveryValue = { state: 'queued' } | { state: 'sent' } | { state: 'failed'; reason: string };

/** A small status line; screen readers hear "Email delivery: sent" and so on. */
export function EmailDeliveryStatus(props: { delivery: EmailDeliveryValue }) {
  return (
    <p class={`email-delivery email-delivery-${props.delivery.state}`}>
      <span class="visually-hidden">Email delivery: </span>
      <span class="email-delivery-icon" aria-hidden="true">✉</span>
      <Switch>
        <Match when={props.delivery.state === 'queued'}>Queued</Match>
        <Match when={props.delivery.state === 'sent'}>Sent</Match>
        <Match when={props.delivery.state === 'failed' && props.delivery}>
          {(d) => <>Failed: {(d() as { reason: string }).reason}</>}
        </Match>
      </Switch>
    </p>
  );
}
