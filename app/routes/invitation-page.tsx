/** /invitation#token=…: a new customer sets their password from an invitation (lazy, so /login does not grow). */
import { SetPasswordScreen } from './set-password-screen';

/** Only the support team can send an invitation again. */
export default function InvitationPage() {
  return (
    <SetPasswordScreen
      kind="invitation" title="Set your password" intro="Choose a password to sign in and follow your support requests."
      whenLinkGone="Ask your support team for a new invitation."
    />
  );
}
