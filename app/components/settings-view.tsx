/** The Settings screen: profile, password, notifications (when the portal sends mail) and signing out everywhere. */
import { createUniqueId, Show } from 'solid-js';
import { OfflineReason } from './settings-parts';
import { SettingsNotifications } from './settings-notifications';
import { SettingsPassword, type PasswordProblem } from './settings-password';
import { SettingsProfile } from './settings-profile';

/** Props: what the device knows of the user, whether the server is reachable, and one callback per change. */
export interface SettingsViewProps {
  name: string;
  email: string;
  online: boolean;
  /** Whether the notification card shows (the portal sends mail, and the user is a customer). */
  showNotifications: boolean;
  emailOnAgentReply: boolean | null;
  onSaveName(name: string): Promise<string | null>;
  onChangePassword(currentPassword: string, newPassword: string): Promise<PasswordProblem | null>;
  onNotificationChange(on: boolean): Promise<string | null>;
  /** Opens the sign-out-everywhere confirmation. */
  onSignOutEverywhere(): void;
  /** Why signing out everywhere failed, when it did. */
  signOutEverywhereError: string | null;
}

/** The page: a heading, the offline notice when offline, and the cards. */
export function SettingsView(props: SettingsViewProps) {
  const sessionsId = createUniqueId();
  return (
    <main class="page page-narrow settings-page" id="main">
      <div class="page-header"><h1 class="page-title">Settings</h1></div>
      <Show when={!props.online}>
        <p class="settings-offline" role="status">
          You're offline. This is what this device knows of your account; changes need a connection to the server.
        </p>
      </Show>
      <SettingsProfile name={props.name} email={props.email} online={props.online} onSave={props.onSaveName} />
      <SettingsPassword online={props.online} onChange={props.onChangePassword} />
      <Show when={props.showNotifications}>
        <SettingsNotifications emailOnAgentReply={props.emailOnAgentReply} online={props.online} onChange={props.onNotificationChange} />
      </Show>
      <section class="card settings-card" aria-labelledby={sessionsId}>
        <h2 class="settings-card-title" id={sessionsId}>Devices</h2>
        <p class="settings-card-intro">Sign out on every device where you are signed in, this one too. Your tickets are removed from this device.</p>
        <Show when={props.signOutEverywhereError}><p class="form-error" role="alert">{props.signOutEverywhereError}</p></Show>
        <div class="settings-actions">
          <button type="button" class="button button-secondary" disabled={!props.online} onClick={() => props.onSignOutEverywhere()}>
            Sign out of every device
          </button>
          <OfflineReason online={props.online} />
        </div>
      </section>
    </main>
  );
}
