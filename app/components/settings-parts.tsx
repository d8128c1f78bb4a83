/** Small parts shared by Settings' cards: why a control is disabled offline, and a "saved" note read out politely. */
import { Show, type ParentProps } from 'solid-js';

/** The words said beside each control that needs the network. */
export const NEEDS_NETWORK = 'Needs a connection to the server.';

/** Beside a disabled control while offline: why it is disabled. */
export function OfflineReason(props: { online: boolean }) {
  return <Show when={!props.online}><span class="settings-offline-reason">{NEEDS_NETWORK}</span></Show>;
}

/** A polite status line once something is saved (the region stays, so screen readers hear the change). */
export function SavedNote(props: ParentProps<{ shown: boolean }>) {
  return <span class="settings-saved" role="status"><Show when={props.shown}>{props.children}</Show></span>;
}
