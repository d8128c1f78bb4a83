/** The sign-in screen's card: logo, portal name in the brand colour, Email address, Password, Sign in, help. */
import { createSignal, Show } from 'solid-js';
import { BusySubmitButton } from './spinner';
import { TextField } from './text-field';

/** Props: branding as plain values; `onSubmit` resolves to an error sentence, or `null` on success. */
export interface LoginFormProps {
  portalName: string;
  logoUrl: string | null;
  notice?: string | null;
  initialEmail?: string;
  /** Where "Forgot password?" leads; no link when not given (mail is not set up, so no reset can be sent). */
  forgotPasswordHref?: string | null;
  onSubmit(email: string, password: string): Promise<string | null>;
}

/** The login form; the Sign in button shows a spinner while it works. */
export function LoginForm(props: LoginFormProps) {
  const [email, setEmail] = createSignal(props.initialEmail ?? '');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [missing, setMissing] = createSignal<{ email?: string; password?: string }>({});

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const next = {
      email: email().trim() ? undefined : 'Enter your email address.',
      password: password() ? undefined : 'Enter your password.',
    };
    setMissing(next);
    if (next.email || next.password) return;
    setBusy(true);
    setError(null);
    try {
      setError(await props.onSubmit(email().trim(), password()));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login-page">
      <div class="login-card">
        <Show when={props.logoUrl}>
          {(url) => <img class="login-logo" src={url()} alt={`${props.portalName} logo`} />}
        </Show>
        <h1 class="login-title">{props.portalName}</h1>
        <p class="login-subtitle">Sign in to see and answer your support requests.</p>
        <Show when={props.notice}>
          <p class="banner banner-info">{props.notice}</p>
        </Show>
        <form class="login-form" onSubmit={submit} noValidate>
          <TextField
            label="Email address" type="email" name="email" autocomplete="username" required
            value={email()} onInput={setEmail} error={missing().email}
          />
          <TextField
            label="Password" type="password" name="password" autocomplete="current-password" required
            value={password()} onInput={setPassword} error={missing().password}
          />
          <Show when={error()}>
            <p class="form-error" role="alert">{error()}</p>
          </Show>
          <BusySubmitButton busy={busy()}>Sign in</BusySubmitButton>
        </form>
        <Show when={props.forgotPasswordHref}>
          {(href) => <p class="login-help"><a href={href()}>Forgot password?</a></p>}
        </Show>
        <p class="login-help">Need help? Contact your support team.</p>
      </div>
    </main>
  );
}
