/** The card of a reset or invitation link: New password, Confirm password, Set password; a dead link says so. */
import { createSignal, Show, type JSX } from 'solid-js';
import { newPasswordProblems } from '../model/password-rule';
import { NewPasswordFields } from './new-password-fields';
import { BusySubmitButton } from './spinner';

/**
 * A refused attempt: the reason in words; `linkGone` when the link itself is used, expired or not valid,
 * `atPasswordField` when the server refused the password itself.
 */
export interface SetPasswordProblem { message: string; linkGone: boolean; atPasswordField?: boolean }

/** Props: the heading, whether the URL carried a token, what to offer when the link is gone, and the callback. */
export interface SetPasswordFormProps {
  title: string;
  intro: string;
  hasToken: boolean;
  /** Shown under a used, expired or invalid link's reason (a "Send a new link" link, or whom to ask). */
  whenLinkGone: JSX.Element;
  signInHref: string;
  /** Resolves to the problem, or `null` once the password is set (the caller then opens the app). */
  onSubmit(password: string): Promise<SetPasswordProblem | null>;
}

/** Sets a password with the link's token; the rules are checked here first, the server's refusal shown as it says. */
export function SetPasswordForm(props: SetPasswordFormProps) {
  const [password, setPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [fieldErrors, setFieldErrors] = createSignal<{ password?: string; confirm?: string }>({});
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<SetPasswordProblem | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const found = newPasswordProblems(password(), confirm());
    setFieldErrors(found ?? {});
    if (found) return;
    setBusy(true);
    setProblem(null);
    try {
      const refused = await props.onSubmit(password());
      if (refused?.atPasswordField) setFieldErrors({ password: refused.message });
      else setProblem(refused);
    } finally {
      setBusy(false);
    }
  }

  const linkGone = () => !props.hasToken || problem()?.linkGone === true;

  return (
    <main class="login-page" id="main">
      <div class="login-card">
        <h1 class="login-title">{props.title}</h1>
        <Show
          when={!linkGone()}
          fallback={
            <div class="account-link-gone" role="alert">
              <p>{props.hasToken ? problem()?.message : 'This link is not complete. Open it again from the email.'}</p>
              <Show when={props.hasToken}><p>{props.whenLinkGone}</p></Show>
            </div>
          }
        >
          <p class="login-subtitle">{props.intro}</p>
          <form class="login-form" onSubmit={submit} noValidate>
            <NewPasswordFields
              password={password()} confirm={confirm()} onPassword={setPassword} onConfirm={setConfirm} errors={fieldErrors()}
            />
            <Show when={problem()}><p class="form-error" role="alert">{problem()!.message}</p></Show>
            <BusySubmitButton busy={busy()}>Set password</BusySubmitButton>
          </form>
        </Show>
        <p class="login-help"><a href={props.signInHref}>Back to sign in</a></p>
      </div>
    </main>
  );
}
