/** The banner shown when the session has ended: unsent writes are kept until the user signs in again. */
import { Show } from 'solid-js';

/** Props: the count of kept writes and where "Sign in again" leads. */
export function ReauthBanner(props: { pendingWrites: number; signInHref: string }) {
  return (
    <div class="banner banner-warning" role="alert">
      <p>
        Your session has ended. Sign in again to keep syncing
        <Show when={props.pendingWrites > 0}>
          {' '}— your {props.pendingWrites === 1 ? 'unsent change is' : `${props.pendingWrites} unsent changes are`} kept on this device
        </Show>
        .
      </p>
      <a class="button button-primary button-small" href={props.signInHref}>Sign in again</a>
    </div>
  );
}
