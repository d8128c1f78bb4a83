/** The sync badge: Online, Offline or Syncing, and how many of the user's writes have not reached the server. */
import { Show } from 'solid-js';

/** What the badge shows; mirrors the data layer's sync status as plain values. */
export interface SyncBadgeProps { connection: 'online' | 'offline' | 'syncing'; pendingWrites: number }

const LABELS = { online: 'Online', offline: 'Offline', syncing: 'Syncing' } as const;

/** A live region, so a change of state is announced politely. */
export function SyncBadge(props: SyncBadgeProps) {
  return (
    <span class={`sync-badge sync-${props.connection}`} role="status" aria-live="polite">
      <span class="sync-dot" aria-hidden="true" />
      <span class="sync-label">{LABELS[props.connection]}</span>
      <Show when={props.pendingWrites > 0}>
        <span class="sync-pending"><span class="sync-separator">· </span>{props.pendingWrites} unsent</span>
      </Show>
    </span>
  );
}
