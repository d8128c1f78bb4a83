/** The signed-in part (lazy): opens the user's data and frames every screen with the app bar. */
import { useNavigate } from '@solidjs/router';
import { createSignal, Show, type ParentProps } from 'solid-js';
import { AppBar } from '../components/app-bar';
import { ReauthBanner } from '../components/reauth-banner';
import { SignOutDialog } from '../components/sign-out-dialog';
import { DataProvider, useData } from '../data';
import type { SessionUser } from '../model/user';
import { useBranding } from './branding-context';
import { createFocusOnNavigation, skipToContent } from './focus-on-navigation';

/** Opens the data layer for `user` around the signed-in screens. */
export default function SignedInLayout(props: ParentProps<{ user: SessionUser }>) {
  return (
    <DataProvider user={props.user}>
      <SignedInFrame>{props.children}</SignedInFrame>
    </DataProvider>
  );
}

function SignedInFrame(props: ParentProps) {
  const data = useData();
  const branding = useBranding();
  const navigate = useNavigate();
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  createFocusOnNavigation();

  async function signOut() {
    setBusy(true);
    try {
      await data.signOut();
      setConfirming(false);
      navigate('/login', { replace: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="app-shell">
      <a class="skip-link" href="#main" onClick={skipToContent}>Skip to content</a>
      <AppBar
        portalName={branding().name}
        logoUrl={branding().logoUrl}
        userName={data.user.name}
        homeHref={data.user.role === 'agent' ? '/agent' : '/tickets'}
        sync={{ connection: data.sync().connection, pendingWrites: data.sync().pendingWrites }}
        onSignOut={() => setConfirming(true)}
      />
      <Show when={data.sync().needsSignIn}>
        <ReauthBanner pendingWrites={data.sync().pendingWrites} signInHref="/login?again=1" />
      </Show>
      {props.children}
      <SignOutDialog
        open={confirming()} onOpenChange={setConfirming} pendingWrites={data.sync().pendingWrites}
        busy={busy()} onConfirm={() => void signOut()}
      />
    </div>
  );
}
