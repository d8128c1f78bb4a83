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
  /** Signing out of every device (Settings): the same warning, its own title and words. */
  everywhere?: boolean;
}

/** "Sign out?" with the unsent-changes warning when there are any. */
export function SignOutDialog(props: SignOutDialogProps) {
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.everywhere ? 'Sign out of every device?' : 'Sign out?'}
      confirmLabel={props.everywhere ? 'Sign out everywhere' : 'Sign out'}
      danger={props.pendingWrites > 0}
      busy={props.busy}
      onConfirm={props.onConfirm}
    >
      <Show
        when={props.pendingWrites > 0}
        fallback={
          <p>
            {props.everywhere ? 'Every device signed in to your account will be signed out, this one too. ' : ''}
            Your tickets will be removed from this device. You can sign in again at any time.
          </p>
        }
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
