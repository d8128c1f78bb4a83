/** /login: the branded sign-in screen; it loads no RxDB code (only session.ts and branding.ts). */
import { useNavigate, useSearchParams } from '@solidjs/router';
import { LoginForm } from '../components/login-form';
import { signIn, storedUser } from '../data/session';
import { useBranding } from './branding-context';
import { createPageTitle } from './page-title';

/** The sign-in container: signs in, then opens an agent's inbox or a customer's My Tickets. */
export default function LoginPage() {
  const branding = useBranding();
  createPageTitle(() => 'Sign in');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const again = params.again === '1';
  return (
    <LoginForm
      portalName={branding().name}
      logoUrl={branding().logoUrl}
      initialEmail={storedUser()?.email ?? ''}
      forgotPasswordHref={branding().mailOutbound ? '/forgot-password' : null}
      notice={again ? 'Your session has ended. Sign in again; changes not yet sent stay on this device.' : null}
      onSubmit={async (email, password) => {
        const result = await signIn(email, password);
        if (!result.ok) return result.message;
        navigate(result.user.role === 'agent' ? '/agent' : '/tickets', { replace: true });
        return null;
      }}
    />
  );
}
