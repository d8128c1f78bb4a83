/** The customer's rating as agents see it on the ticket: "Rated Good" or "Rated Bad", the comment, and when. */
import { Show } from 'solid-js';
import type { RatingValue } from '../model/constants';
import { formatDate } from './now-clock';

/** The rating the ticket holds (`ratedAt` is the server's time). */
export interface AgentRatingInfo { value: RatingValue; comment: string; ratedAt: number }

const LABELS: Record<RatingValue, string> = { good: 'Good', bad: 'Bad' };

/** One quiet block under the ticket's controls; kept when the ticket is reopened. */
export function AgentRating(props: { rating: AgentRatingInfo }) {
  return (
    <section class={`agent-rating agent-rating-${props.rating.value}`} aria-label="Customer’s rating">
      <p class="agent-rating-line">
        <span class="agent-rating-value">Rated {LABELS[props.rating.value]}</span>
        <span class="muted"> · {formatDate(props.rating.ratedAt)}</span>
      </p>
      <Show when={props.rating.comment}>
        {(comment) => <blockquote class="agent-rating-comment">{comment()}</blockquote>}
      </Show>
    </section>
  );
}
