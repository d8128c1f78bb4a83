/**
 * "How was the answer?" on a resolved ticket: Good or Bad, an optional comment, Send rating (named apart from the
 * reply's Send on the same page); then the thanks with what was chosen, where it is on its way, and Change rating.
 * A rating the server refused says so with its reason.
 */
import { createSignal, Match, Show, Switch } from 'solid-js';
import { LIMITS, type RatingValue } from '../model/constants';
import { textLength } from '../model/text-rules';
import { ratingCommentError } from '../model/writes/rating';
import type { DeliveryValue } from './delivery-state';
import { BusySubmitButton } from './spinner';
import { TextField } from './text-field';

/** The rating as the ticket holds it. */
export interface RatingInfo { value: RatingValue; comment: string }

/** Props: the rating, where it is on its way (`null` once sent), whether the ticket may be rated now, and the actions. */
export interface RateAnswerProps {
  rating: RatingInfo | undefined;
  delivery: DeliveryValue | null;
  /** The ticket is resolved: the form is offered. Otherwise only a refusal is shown. */
  canRate: boolean;
  /** Resolves to a sentence for the screen when the rating could not be saved, else null. */
  onRate(value: RatingValue, comment: string): Promise<string | null>;
  onDismissFailure(): Promise<void>;
}

const LABELS: Record<RatingValue, string> = { good: 'Good', bad: 'Bad' };
const NEAR_LIMIT = 100;

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The rating card; nothing while the ticket cannot be rated and no refusal is to be told. */
export function RateAnswer(props: RateAnswerProps) {
  const [editing, setEditing] = createSignal(false);
  const failed = () => (props.delivery?.state === 'failed' ? props.delivery.reason : null);
  const showForm = () => props.canRate && (editing() || !props.rating || failed() !== null);
  // After Send the thanks take the focus (the form they replace had it), once the rating is on the ticket: it may be
  // there before the write resolves, or after.
  let focusThanks = false;
  let thanks: HTMLParagraphElement | undefined;

  return (
    <Show when={props.canRate || failed()}>
      <section class="card rating-card" aria-labelledby="rating-title">
        <h2 class="rating-title" id="rating-title">How was the answer?</h2>
        <Show when={failed()}>
          {(reason) => (
            <div class="rating-failed" role="alert">
              <p>Your rating was not saved: {capitalised(reason())}.</p>
              <button type="button" class="button button-ghost button-small" onClick={() => void props.onDismissFailure()}>Dismiss</button>
            </div>
          )}
        </Show>
        <Show
          when={showForm()}
          fallback={
            <Show when={props.canRate && props.rating}>
              {(rating) => (
                <div class="rating-thanks">
                  <p class="rating-thanks-title" tabindex="-1"
                    ref={(el) => { thanks = el; if (focusThanks) queueMicrotask(() => el.focus()); focusThanks = false; }}>Thanks for your rating.</p>
                  <p>
                    You rated the answer <strong>{LABELS[rating().value]}</strong>
                    <Show when={rating().comment}>{(comment) => <>: <q class="rating-comment">{comment()}</q></>}</Show>
                  </p>
                  <div class="rating-thanks-footer">
                    <RatingDelivery delivery={props.delivery} />
                    <button type="button" class="button button-secondary button-small" onClick={() => setEditing(true)}>Change rating</button>
                  </div>
                </div>
              )}
            </Show>
          }
        >
          <RatingForm
            rating={props.rating}
            onCancel={props.rating && !failed() ? () => setEditing(false) : undefined}
            onRate={async (value, comment) => {
              const error = await props.onRate(value, comment);
              if (error === null) {
                setEditing(false);
                if (thanks?.isConnected) thanks.focus();
                else focusThanks = true;
              }
              return error;
            }}
          />
        </Show>
      </section>
    </Show>
  );
}

/** Where a given rating is: waiting for a network, sending, or sent. */
function RatingDelivery(props: { delivery: DeliveryValue | null }) {
  return (
    <Switch fallback={<span class="delivery delivery-sent"><span aria-hidden="true">✓ </span>Sent</span>}>
      <Match when={props.delivery?.state === 'waiting'}>
        <span class="delivery delivery-sending"><span class="delivery-dot" aria-hidden="true" />Saved on this device, waiting for network</span>
      </Match>
      <Match when={props.delivery?.state === 'sending'}>
        <span class="delivery delivery-sending"><span class="delivery-dot" aria-hidden="true" />Sending</span>
      </Match>
    </Switch>
  );
}

/** The two toggles, the comment and Send rating (and Cancel when changing a rating). */
function RatingForm(props: {
  rating: RatingInfo | undefined;
  onRate(value: RatingValue, comment: string): Promise<string | null>;
  onCancel?: () => void;
}) {
  const [value, setValue] = createSignal<RatingValue | null>(props.rating?.value ?? null);
  const [comment, setComment] = createSignal(props.rating?.comment ?? '');
  const [choiceError, setChoiceError] = createSignal(false);
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let firstToggle: HTMLButtonElement | undefined;
  // Told while typing: the limit from the start, what is left near it, and at once when it is passed.
  const commentError = () => {
    const error = ratingCommentError(comment());
    return error && `${capitalised(error)}.`;
  };
  const hint = () => {
    const left = LIMITS.ratingCommentMax - textLength(comment());
    return left >= 0 && left <= NEAR_LIMIT
      ? `${left} ${left === 1 ? 'character' : 'characters'} left.`
      : `Up to ${LIMITS.ratingCommentMax.toLocaleString('en-US')} characters.`;
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const chosen = value();
    if (!chosen) {
      setChoiceError(true);
      firstToggle?.focus();
      return;
    }
    if (commentError()) return;
    setBusy(true);
    setFormError(null);
    try {
      setFormError(await props.onRate(chosen, comment()));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="rating-form" onSubmit={submit} noValidate>
      <div class="rating-choices" role="group" aria-labelledby="rating-title" aria-describedby={choiceError() ? 'rating-choice-error' : undefined}>
        {(['good', 'bad'] as const).map((option, i) => (
          <button
            type="button" class={`rating-choice rating-choice-${option}`} aria-pressed={value() === option}
            ref={(el) => { if (i === 0) firstToggle = el; }}
            onClick={() => { setValue(option); setChoiceError(false); }}
          >
            {LABELS[option]}
          </button>
        ))}
      </div>
      <Show when={choiceError()}><p class="field-error" id="rating-choice-error">Choose Good or Bad first.</p></Show>
      <TextField
        label="Comment" name="rating-comment" multiline rows={3} optional value={comment()}
        hint={hint()} onInput={setComment} error={commentError()}
      />
      <Show when={formError()}><p class="form-error" role="alert">{formError()}</p></Show>
      <div class="form-actions">
        <Show when={props.onCancel}>
          {(cancel) => <button type="button" class="button button-secondary" onClick={() => cancel()()}>Cancel</button>}
        </Show>
        <BusySubmitButton busy={busy()} inline>Send rating</BusySubmitButton>
      </div>
    </form>
  );
}
