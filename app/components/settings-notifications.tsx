/** Settings' notification card (only when the portal sends mail): one switch, saved as soon as it is flipped. */
import { Switch } from '@kobalte/core/switch';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { OfflineReason } from './settings-parts';

/** Props: the stored choice (`null` until the server has said); `onChange` resolves to the problem, or `null`. */
export interface SettingsNotificationsProps {
  emailOnAgentReply: boolean | null;
  online: boolean;
  onChange(on: boolean): Promise<string | null>;
}

/** "Email me when an agent replies", on by default; a refused change flips back and says why. */
export function SettingsNotifications(props: SettingsNotificationsProps) {
  const headingId = createUniqueId();
  const [pending, setPending] = createSignal<boolean | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const checked = () => pending() ?? props.emailOnAgentReply ?? true;

  async function flip(on: boolean) {
    setError(null);
    setPending(on);
    try {
      setError(await props.onChange(on));
    } finally {
      setPending(null);
    }
  }

  return (
    <section class="card settings-card" aria-labelledby={headingId}>
      <h2 class="settings-card-title" id={headingId}>Notifications</h2>
      <Switch
        class="switch" checked={checked()} onChange={(on) => void flip(on)}
        disabled={!props.online || props.emailOnAgentReply === null || pending() !== null}
      >
        <Switch.Input class="switch-input" />
        <Switch.Control class="switch-control"><Switch.Thumb class="switch-thumb" /></Switch.Control>
        <div class="switch-text">
          <Switch.Label class="switch-label">Email me when an agent replies</Switch.Label>
          <Switch.Description class="field-hint">A short email with a link to the request. Replies to requests you sent by email always come by email.</Switch.Description>
        </div>
      </Switch>
      <div class="settings-actions">
        <OfflineReason online={props.online} />
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      </div>
    </section>
  );
}
