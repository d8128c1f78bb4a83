/** New Support Request: Subject, Description, Message and files, with errors at each field on leaving it or submitting (over a limit, while typing). */
import { createSignal, Show } from 'solid-js';
import type { AttachmentLimits } from '../model/attachment';
import { LIMITS } from '../model/constants';
import { descriptionError, firstMessageError, subjectError, textLength } from '../model/text-rules';
import { AttachFiles } from './attach-files';
import { createChosenFiles, type FilesKeeper } from './chosen-files';
import { createFileDrop } from './file-drop';
import { Spinner } from './spinner';
import { TextField } from './text-field';

/** The three fields of a new request. */
export interface NewTicketValues { subject: string; description: string; message: string }
type Field = keyof NewTicketValues;

/**
 * Props: values live outside (a draft that survives reloads), and so do the chosen files when `keptFiles` is given
 * (else in memory, until sent). `onSubmit` resolves to an error sentence or null (then the files sent are cleared).
 */
export interface NewTicketFormProps {
  values: NewTicketValues;
  onChange(field: Field, value: string): void;
  onSubmit(values: NewTicketValues, files: readonly File[]): Promise<string | null>;
  attachmentLimits: AttachmentLimits;
  keptFiles?: FilesKeeper;
  onCancel(): void;
  backHref: string;
}

const MAX_LENGTH: Record<Field, number> = { subject: LIMITS.subjectMax, description: LIMITS.descriptionMax, message: LIMITS.messageMax };

const RULES: Record<Field, (v: string) => string | null> = {
  subject: subjectError,
  description: descriptionError,
  message: firstMessageError,
};

/** The form; the first invalid field gets focus on submit. */
export function NewTicketForm(props: NewTicketFormProps) {
  const [touched, setTouched] = createSignal<Record<Field, boolean>>({ subject: false, description: false, message: false });
  const [busy, setBusy] = createSignal(false);
  const [formError, setFormError] = createSignal<string | null>(null);
  const inputs: Partial<Record<Field, HTMLInputElement | HTMLTextAreaElement>> = {};
  const chosen = createChosenFiles(props.keptFiles);
  const drop = createFileDrop(() => props.attachmentLimits, (files, limits) => chosen.add(files, limits));
  // A field's error shows once it was left (or on submit); a text over its limit says so at once, while typing,
  // so nobody types 360 characters to learn that 200 fit.
  const error = (f: Field) => {
    const value = props.values[f];
    if (touched()[f]) return RULES[f](value);
    return textLength(value) > MAX_LENGTH[f] ? RULES[f](value) : null;
  };
  const touch = (f: Field) => setTouched((t) => ({ ...t, [f]: true }));

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    setTouched({ subject: true, description: true, message: true });
    const firstBad = (['subject', 'description', 'message'] as Field[]).find((f) => RULES[f](props.values[f]));
    if (firstBad) {
      inputs[firstBad]?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    const files = chosen.files();
    try {
      const result = await props.onSubmit({ ...props.values }, files);
      setFormError(result);
      if (result === null) chosen.sent(files);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="page page-narrow" id="main">
      <a class="back-link" href={props.backHref}><span aria-hidden="true">←</span> Back</a>
      <h1 class="page-title">New Support Request</h1>
      <form
        class="card form-card" classList={{ 'drop-over': drop.over() }} onSubmit={submit} noValidate
        onDragEnter={drop.onDragEnter} onDragOver={drop.onDragOver} onDragLeave={drop.onDragLeave}
        onDrop={drop.onDrop} onPaste={drop.onPaste}
      >
        <TextField
          label="Subject" name="subject" required value={props.values.subject}
          onInput={(v) => props.onChange('subject', v)} onBlur={() => touch('subject')} error={error('subject')}
          ref={(el) => (inputs.subject = el)}
        />
        <TextField
          label="Description" name="description" multiline rows={3} optional value={props.values.description}
          hint="Anything that helps us understand the context."
          onInput={(v) => props.onChange('description', v)} onBlur={() => touch('description')}
          error={error('description')} ref={(el) => (inputs.description = el)}
        />
        <TextField
          label="Message" name="message" multiline rows={6} required value={props.values.message}
          hint="At least 10 characters."
          onInput={(v) => props.onChange('message', v)} onBlur={() => touch('message')} error={error('message')}
          ref={(el) => (inputs.message = el)}
        />
        <AttachFiles chosen={chosen} limits={props.attachmentLimits} />
        <Show when={formError()}>
          <p class="form-error" role="alert">{formError()}</p>
        </Show>
        <div class="form-actions">
          <button type="button" class="button button-secondary" onClick={() => props.onCancel()}>Cancel</button>
          <button type="submit" class="button button-primary" disabled={busy()} aria-busy={busy()}>
            <Show when={busy()}><Spinner /></Show>
            Submit Request
          </button>
        </div>
      </form>
    </main>
  );
}
