/** The New password and Confirm new password fields that setting a password always asks for, with the rule's hint. */
import { PASSWORD_MIN } from '../model/password-rule';
import { TextField } from './text-field';

/** Props: both values and their setters, and the problem shown at each field (from `newPasswordProblems`). */
export interface NewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  errors: { password?: string; confirm?: string };
}

/** The two fields, in order. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label="New password" type="password" name="new-password" autocomplete="new-password" required
        hint={`At least ${PASSWORD_MIN} characters.`} value={props.password} onInput={props.onPassword} error={props.errors.password}
      />
      <TextField
        label="Confirm new password" type="password" name="confirm-password" autocomplete="new-password" required
        value={props.confirm} onInput={props.onConfirm} error={props.errors.confirm}
      />
    </>
  );
}
