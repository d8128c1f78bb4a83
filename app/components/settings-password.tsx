/** Settings' password card: current password, new password and its confirmation; a refusal shows at its field. */
import { createSignal, createUniqueId, Show } from 'solid-js';
import { newPasswordProblems } from '../model/password-rule';
import { NewPasswordFields } from './new-password-fields';
import { OfflineReason, SavedNote } from './settings-parts';
import { BusySubmitButton } from './spinner';
import { TextField } from './text-field';

/** A refused change: the reason, at the field it concerns (`null`: the whole form). */
export interface PasswordProblem { field: 'currentPassword' | 'newPassword' | null; message: string }

/** Props: `onChange` resolves to the problem, or `null` once the password is changed. */
export interface SettingsPasswordProps {
  online: boolean;
  onChange(currentPassword: string, newPassword: string): Promise<PasswordProblem | null>;
}

type Errors = { current?: string; password?: string; confirm?: string; form?: string };

/** Changes the password; every field keeps what was typed until the change is done. */
export function SettingsPassword(props: SettingsPasswordProps) {
  const headingId = createUniqueId();
  const [current, setCurrent] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy() || !props.online) return;
    setDone(false);
    const found: Errors = { ...(!current() && { current: 'Enter your current password.' }), ...newPasswordProblems(password(), confirm()) };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const refused = await props.onChange(current(), password());
      if (!refused) {
        setCurrent('');
        setPassword('');
        setConfirm('');
        setDone(true);
      } else if (refused.field === 'currentPassword') setErrors({ current: refused.message });
      else if (refused.field === 'newPassword') setErrors({ password: refused.message });
      else setErrors({ form: refused.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card settings-card" aria-labelledby={headingId}>
      <h2 class="settings-card-title" id={headingId}>Password</h2>
      <p class="settings-card-intro">Changing your password signs you out on every other device. This one stays signed in.</p>
      <form class="settings-form" onSubmit={submit} noValidate>
        <TextField
          label="Current password" type="password" name="current-password" autocomplete="current-password" required
          value={current()} onInput={setCurrent} error={errors().current}
        />
        <NewPasswordFields password={password()} confirm={confirm()} onPassword={setPassword} onConfirm={setConfirm} errors={errors()} />
        <Show when={errors().form}><p class="form-error" role="alert">{errors().form}</p></Show>
        <div class="settings-actions">
          <BusySubmitButton busy={busy()} disabled={!props.online} inline>Change password</BusySubmitButton>
          <OfflineReason online={props.online} />
          <SavedNote shown={done()}>Your password is changed. Your other devices are signed out.</SavedNote>
        </div>
      </form>
    </section>
  );
}
