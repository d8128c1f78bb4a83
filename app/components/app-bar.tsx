/** The signed-in screens' top bar: the portal's logo and name, the sync badge, and Sign out. */
import { Show } from 'solid-js';
import { SyncBadge, type SyncBadgeProps } from './sync-badge';

/** Props: branding, sync state and the user, as plain values; `onSignOut` opens the confirmation. */
export interface AppBarProps {
  portalName: string;
  logoUrl: string | null;
  sync: SyncBadgeProps;
  userName: string;
  onSignOut(): void;
  /** Where the portal's name links: the user's home screen (`/tickets` unless given). */
  homeHref?: string;
}

/** A calm header bar; the name links home. */
export function AppBar(props: AppBarProps) {
  return (
    <header class="app-bar">
      <div class="app-bar-inner">
        <a class="brand" href={props.homeHref ?? '/tickets'}>
          <Show when={props.logoUrl} fallback={<span class="brand-mark" aria-hidden="true">{props.portalName.slice(0, 1)}</span>}>
            {(url) => <img class="brand-logo" src={url()} alt="" />}
          </Show>
          <span class="brand-name">{props.portalName}</span>
        </a>
        <div class="app-bar-end">
          <SyncBadge connection={props.sync.connection} pendingWrites={props.sync.pendingWrites} />
          <span class="app-bar-user" title={props.userName}>{props.userName}</span>
          <button type="button" class="button button-ghost button-small" onClick={() => props.onSignOut()}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
