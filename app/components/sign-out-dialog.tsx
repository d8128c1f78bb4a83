/** Sign-out confirmation: warns when writes have not reached the server, since signing out discards them. */
import { Show } from 'solid-js';
import { ConfirmDialog } from './confirm-dialog';

/** Props: `pendingWrites` decides the warning; `onConfirm` signs out. */
export interface SignOutDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  pendingWrites: number;
  onConfirm(): void;
  busy?: boolean;
}

/** "Sign out?" with the unsent-changes warning when there are any. */
export function SignOutDialog(props: SignOutDialogProps) {
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Sign out?"
      confirmLabel="Sign out"
      danger={props.pendingWrites > 0}
      busy={props.busy}
      onConfirm={props.onConfirm}
    >
      <Show
        when={props.pendingWrites > 0}
        fallback={<p>Your tickets will be removed from this device. You can sign in again at any time.</p>}
      >
        <p class="warning-text">
          {props.pendingWrites === 1
            ? "1 change hasn't reached the server yet. Signing out will discard it."
            : `${props.pendingWrites} changes haven't reached the server yet. Signing out will discard them.`}
        </p>
      </Show>
    </ConfirmDialog>
  );
}
