/** Settings' profile card: the name (edited and saved) and the email, shown read-only. */
import { createSignal, createUniqueId } from 'solid-js';
import { LIMITS } from '../model/constants';
import { nameError } from '../model/text-rules';
import { OfflineReason, SavedNote } from './settings-parts';
import { BusySubmitButton } from './spinner';
import { TextField } from './text-field';

/** Props: the name and email the device knows; `onSave` resolves to the problem in words, or `null` once saved. */
export interface SettingsProfileProps {
  name: string;
  email: string;
  online: boolean;
  onSave(name: string): Promise<string | null>;
}

/** The name field with Save, and the email as text (the address one signs in with is not changed here). */
export function SettingsProfile(props: SettingsProfileProps) {
  const headingId = createUniqueId();
  // What is typed stays until saved: a refused name is kept for correcting, never reset.
  const [typed, setTyped] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const value = () => typed() ?? props.name;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy() || !props.online) return;
    setSaved(false);
    const problem = nameError(value());
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const refused = await props.onSave(value().trim());
      setError(refused);
      if (!refused) {
        setTyped(null);
        setSaved(true);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card settings-card" aria-labelledby={headingId}>
      <h2 class="settings-card-title" id={headingId}>Profile</h2>
      <form class="settings-form" onSubmit={submit} noValidate>
        <TextField
          label="Name" name="name" autocomplete="name" required value={value()} error={error()}
          hint={`Shown to the support team on your requests and replies. At most ${LIMITS.nameMax} characters.`}
          onInput={(v) => { setTyped(v); setSaved(false); }}
        />
        <div class="field">
          <span class="field-label" id={`${headingId}-email`}>Email</span>
          <p class="settings-readonly" aria-labelledby={`${headingId}-email`}>{props.email}</p>
          <p class="field-hint">You sign in with this address. To change it, contact your support team.</p>
        </div>
        <div class="settings-actions">
          <BusySubmitButton busy={busy()} disabled={!props.online} inline>Save name</BusySubmitButton>
          <OfflineReason online={props.online} />
          <SavedNote shown={saved()}>Your name is saved.</SavedNote>
        </div>
      </form>
    </section>
  );
}
