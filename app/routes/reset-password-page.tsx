/** /reset-password#token=…: choose a new password from a reset link (lazy, so /login does not grow). */
import { SetPasswordScreen } from './set-password-screen';

/** A used or expired reset link offers a new one. */
export default function ResetPasswordPage() {
  return (
    <SetPasswordScreen
      kind="reset" title="Choose a new password" intro="Choose the password you will sign in with from now on."
      whenLinkGone={<a href="/forgot-password">Send a new link</a>}
    />
  );
}
