/** /settings: the signed-in user's account (name, email, password, notifications, every device), online changes only. */
import '../styles/settings.css';
import { useNavigate } from '@solidjs/router';
import { createEffect, createSignal, on } from 'solid-js';
import { SettingsView } from '../components/settings-view';
import { SignOutDialog } from '../components/sign-out-dialog';
import { useData } from '../data';
import { useBranding } from './branding-context';
import { createPageTitle } from './page-title';

/** The container: reads the account from the server when online and passes plain values and callbacks down. */
export default function SettingsPage() {
  const data = useData();
  const branding = useBranding();
  const navigate = useNavigate();
  createPageTitle(() => 'Settings');
  const online = () => data.sync().connection !== 'offline';
  const [emailOnAgentReply, setEmailOnAgentReply] = createSignal<boolean | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [signOutError, setSignOutError] = createSignal<string | null>(null);

  // The server's copy, each time the device is online (the kept name follows it).
  createEffect(on(online, (isOnline) => {
    if (!isOnline) return;
    void data.account.read().then((result) => {
      if (result.ok) setEmailOnAgentReply(result.value.emailOnAgentReply);
    });
  }));

  async function signOutEverywhere() {
    setBusy(true);
    try {
      const result = await data.account.signOutEverywhere();
      setConfirming(false);
      if (result.ok) navigate('/login', { replace: true });
      else setSignOutError(result.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <SettingsView
        name={data.user.name}
        email={data.user.email}
        online={online()}
        showNotifications={branding().mailOutbound && data.user.role === 'customer'}
        emailOnAgentReply={emailOnAgentReply()}
        onSaveName={async (name) => {
          const result = await data.account.save({ name });
          return result.ok ? null : result.message;
        }}
        onChangePassword={async (current, next) => {
          const result = await data.account.changePassword(current, next);
          return result.ok ? null : { field: result.field === 'name' ? null : result.field, message: result.message };
        }}
        onNotificationChange={async (on) => {
          const result = await data.account.save({ emailOnAgentReply: on });
          if (!result.ok) return result.message;
          setEmailOnAgentReply(result.value.emailOnAgentReply);
          return null;
        }}
        onSignOutEverywhere={() => {
          setSignOutError(null);
          setConfirming(true);
        }}
        signOutEverywhereError={signOutError()}
      />
      <SignOutDialog
        everywhere open={confirming()} onOpenChange={setConfirming} pendingWrites={data.sync().pendingWrites}
        busy={busy()} onConfirm={() => void signOutEverywhere()}
      />
    </>
  );
}
