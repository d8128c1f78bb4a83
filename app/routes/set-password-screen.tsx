/** The container shared by /reset-password and /invitation: takes the link's token, sets the password, opens the app. */
import { useNavigate } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { SetPasswordForm } from '../components/set-password-form';
import { setPasswordWithLink, type LinkKind } from '../data/accounts/account-links';
import { takeLinkToken } from './link-token';
import { createPageTitle } from './page-title';

/** What differs between the two links: the words, and what to do when the link is gone. */
export interface SetPasswordScreenProps {
  kind: LinkKind;
  title: string;
  intro: string;
  whenLinkGone: JSX.Element;
}

/** Sets the password with the link's token; on success the user is signed in as after sign-in. */
export function SetPasswordScreen(props: SetPasswordScreenProps) {
  const token = takeLinkToken();
  const navigate = useNavigate();
  createPageTitle(() => props.title);
  return (
    <SetPasswordForm
      title={props.title} intro={props.intro} hasToken={token !== null} whenLinkGone={props.whenLinkGone}
      signInHref="/login"
      onSubmit={async (password) => {
        const result = await setPasswordWithLink(props.kind, token!, password);
        if (!result.ok) {
          const atField = result.kind === 'bad_password';
          return { message: result.message, linkGone: !atField && result.kind !== 'other', atPasswordField: atField };
        }
        navigate(result.user.role === 'agent' ? '/agent' : '/tickets', { replace: true });
        return null;
      }}
    />
  );
}
