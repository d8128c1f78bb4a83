/** /forgot-password: asks for a reset link by mail (lazy, so /login does not grow). */
import { ForgotPasswordForm } from '../components/forgot-password-form';
import { requestPasswordReset } from '../data/accounts/account-links';
import { storedUser } from '../data/session';
import { useBranding } from './branding-context';
import { createPageTitle } from './page-title';

/** The container: sends the request; the form shows the same words whatever the server knows. */
export default function ForgotPasswordPage() {
  const branding = useBranding();
  createPageTitle(() => 'Reset your password');
  return (
    <ForgotPasswordForm
      portalName={branding().name} initialEmail={storedUser()?.email ?? ''} signInHref="/login"
      onSubmit={async (email) => {
        const result = await requestPasswordReset(email);
        return result.ok ? null : result.message;
      }}
    />
  );
}
