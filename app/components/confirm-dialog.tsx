/** A confirmation dialog (Kobalte Dialog): title, a sentence or two, Cancel and one confirming action. */
import { Dialog } from '@kobalte/core/dialog';
import type { JSX } from 'solid-js';

/** Props: `open` and `onOpenChange` control it; `onConfirm` runs the action. */
export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  onConfirm(): void;
  danger?: boolean;
  busy?: boolean;
}

/** A modal asking the user to confirm one action. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content class="dialog">
            <Dialog.Title class="dialog-title">{props.title}</Dialog.Title>
            <Dialog.Description as="div" class="dialog-body">{props.children}</Dialog.Description>
            <div class="dialog-actions">
              <Dialog.CloseButton class="button button-secondary" aria-label="Cancel">Cancel</Dialog.CloseButton>
              <button
                type="button"
                class="button"
                classList={{ 'button-danger': props.danger, 'button-primary': !props.danger }}
                disabled={props.busy}
                onClick={() => props.onConfirm()}
              >
                {props.confirmLabel}
              </button>
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
