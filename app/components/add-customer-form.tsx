/** The Customers screen's "Add customer" form: Name and Email address, each refusal shown at its field. */
import { createSignal, Show } from 'solid-js';
import { Spinner } from './spinner';
import { TextField } from './text-field';

/** A refusal: at `field` when it concerns one, else under the form. */
export interface AddCustomerProblem { field: 'name' | 'email' | null; message: string }

/** Props: `onAdd` resolves to the problem, or `null` once added (the fields are then emptied). */
export interface AddCustomerFormProps {
  disabled?: boolean;
  onAdd(name: string, email: string): Promise<AddCustomerProblem | null>;
}

/** Adds a customer by name and email. */
export function AddCustomerForm(props: AddCustomerFormProps) {
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<{ name?: string; email?: string; form?: string }>({});

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const missing = {
      name: name().trim() ? undefined : "Enter the customer's name.",
      email: email().trim() ? undefined : "Enter the customer's email address.",
    };
    setErrors(missing);
    if (missing.name || missing.email) return;
    setBusy(true);
    try {
      const problem = await props.onAdd(name().trim(), email().trim());
      if (!problem) {
        setName('');
        setEmail('');
        setErrors({});
      } else setErrors({ [problem.field ?? 'form']: problem.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card add-customer" aria-labelledby="add-customer-title" onSubmit={submit} noValidate>
      <h2 class="card-title" id="add-customer-title">Add customer</h2>
      <div class="add-customer-fields">
        <TextField label="Name" name="name" autocomplete="off" required value={name()} onInput={setName} error={errors().name} />
        <TextField
          label="Email address" type="email" name="email" autocomplete="off" required
          value={email()} onInput={setEmail} error={errors().email}
        />
      </div>
      <Show when={errors().form}><p class="form-error" role="alert">{errors().form}</p></Show>
      <div>
        <button type="submit" class="button button-secondary" disabled={busy() || props.disabled} aria-busy={busy()}>
          <Show when={busy()}><Spinner /></Show>
          Add customer
        </button>
      </div>
    </form>
  );
}
