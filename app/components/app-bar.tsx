/** The signed-in screens' top bar: the portal's logo and name, the sync badge, Settings and Sign out. */
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
          {/* A gear alone on a phone (its name stays for screen readers), so the portal's name keeps its room. */}
          <a class="button button-ghost button-small app-bar-settings" href="/settings">
            <svg class="app-bar-settings-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
              <path fill="currentColor" d="M19.14 12.94a7.07 7.07 0 0 0 0-1.88l2.03-1.58a.5.5 0 0 0 .12-.64l-1.92-3.32a.5.5 0 0 0-.6-.22l-2.39.96a7.03 7.03 0 0 0-1.63-.94l-.36-2.54a.5.5 0 0 0-.5-.42h-3.84a.5.5 0 0 0-.5.42l-.36 2.54c-.59.24-1.13.56-1.63.94l-2.39-.96a.5.5 0 0 0-.6.22L2.65 8.84a.5.5 0 0 0 .12.64l2.03 1.58a7.07 7.07 0 0 0 0 1.88l-2.03 1.58a.5.5 0 0 0-.12.64l1.92 3.32c.13.22.39.3.6.22l2.39-.96c.5.38 1.04.7 1.63.94l.36 2.54c.04.24.25.42.5.42h3.84c.25 0 .46-.18.5-.42l.36-2.54c.59-.24 1.13-.56 1.63-.94l2.39.96c.22.08.47 0 .6-.22l1.92-3.32a.5.5 0 0 0-.12-.64l-2.03-1.58ZM12 15.5A3.5 3.5 0 1 1 12 8.5a3.5 3.5 0 0 1 0 7Z" />
            </svg>
            <span class="app-bar-settings-label">Settings</span>
          </a>
          <button type="button" class="button button-ghost button-small" onClick={() => props.onSignOut()}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
