/** /forgot-password's card: Email address and Send link, then the same "if an account exists" words for every address. */
import { createSignal, Show } from 'solid-js';
import { BusySubmitButton } from './spinner';
import { TextField } from './text-field';

/** Props: the portal's name; `onSubmit` resolves to an error sentence (a throttle's reason), or `null` once sent. */
export interface ForgotPasswordFormProps {
  portalName: string;
  initialEmail?: string;
  signInHref: string;
  onSubmit(email: string): Promise<string | null>;
}

/** The words once a link was asked for: the same whether or not an account exists. */
export function sentWords(email: string): string {
  return `If an account exists for ${email}, we've sent a link to reset its password. It works for one hour.`;
}

/** Asks for a reset link; after sending, says so in words that reveal nothing about the address. */
export function ForgotPasswordForm(props: ForgotPasswordFormProps) {
  const [email, setEmail] = createSignal(props.initialEmail ?? '');
  const [missing, setMissing] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [sentTo, setSentTo] = createSignal<string | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const address = email().trim();
    setMissing(address ? null : 'Enter your email address.');
    if (!address) return;
    setBusy(true);
    setError(null);
    try {
      const problem = await props.onSubmit(address);
      setError(problem);
      if (!problem) setSentTo(address);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login-page" id="main">
      <div class="login-card">
        <h1 class="login-title">Reset your password</h1>
        <p class="login-subtitle">{props.portalName} will email you a link to choose a new password.</p>
        <div role="status" class="account-status">
          <Show when={sentTo()}>{(to) => <p class="banner banner-info">{sentWords(to())}</p>}</Show>
        </div>
        <Show when={!sentTo()}>
          <form class="login-form" onSubmit={submit} noValidate>
            <TextField
              label="Email address" type="email" name="email" autocomplete="username" required
              value={email()} onInput={setEmail} error={missing()}
            />
            <Show when={error()}><p class="form-error" role="alert">{error()}</p></Show>
            <BusySubmitButton busy={busy()}>Send link</BusySubmitButton>
          </form>
        </Show>
        <p class="login-help"><a href={props.signInHref}>Back to sign in</a></p>
      </div>
    </main>
  );
}
