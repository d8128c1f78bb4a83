/**
 * Sends one claimed job: the delivery still queued is checked first (a job may outlive its delivery), then the
 * mail is composed and handed to the SMTP server. Accepted: `sent`. Refused for now (4xx, no connection): still
 * `queued`, the attempt counted and its reason kept, tried again after a growing wait for up to 24 hours, then
 * `failed`. Refused for good (5xx): `failed` with the SMTP reason, never tried again. A kill -9 after the SMTP
 * server took the mail and before `sent` is recorded leaves the job to lapse and be sent again: the same mail
 * with the same Message-ID, which mail clients fold.
 */
import type { Transporter } from 'nodemailer';
import type { Logger } from '../logger';
import { readDelivery, recordDelivery } from './delivery-record';
import { composeOutbound, type ComposeContext } from './outbound-compose';
import { finishJob, holdClaim, releaseJob, type JobDoc } from './outbound-job';
import { retryDelay, type OutboundTimings } from './outbound-timings';
import { readSmtpFailure } from './smtp-failure';

/** What sending needs. */
export interface SendContext extends ComposeContext {
  transport: Transporter;
  timings: OutboundTimings;
  logger: Logger;
  now(): number;
}

/** What one attempt came to. */
type Outcome =
  | { kind: 'sent' }
  | { kind: 'wait'; next: number }
  | { kind: 'retry'; reason: string; next: number }
  | { kind: 'failed'; reason: string; attempted: boolean };

/** Composes and hands over the mail; `attempts` is how many attempts the delivery counts so far. */
async function attempt(ctx: SendContext, job: JobDoc, attempts: number): Promise<Outcome> {
  const { timings } = ctx;
  const composed = await composeOutbound(ctx, job.messageId);
  if (composed.kind === 'wait') return { kind: 'wait', next: ctx.now() + timings.numberWaitMs };
  if (composed.kind === 'unsendable') return { kind: 'failed', reason: composed.reason, attempted: false };
  try {
    await ctx.transport.sendMail(composed.mail);
    return { kind: 'sent' };
  } catch (error) {
    const failure = readSmtpFailure(error);
    const next = ctx.now() + retryDelay(timings, attempts + 1);
    ctx.logger.warn('outbound mail was refused', { messageId: job.messageId, permanent: failure.permanent, attempts: attempts + 1, reason: failure.reason });
    if (failure.permanent) return { kind: 'failed', reason: failure.reason, attempted: true };
    if (next - job.queuedAt > timings.giveUpMs) {
      return { kind: 'failed', reason: `${failure.reason} (given up: refused for longer than the retry window)`, attempted: true };
    }
    return { kind: 'retry', reason: failure.reason, next };
  }
}

/** Sends `job` (claimed by this server, its claim renewed meanwhile) and records what came of it. */
export async function sendJob(ctx: SendContext, job: JobDoc): Promise<void> {
  const { storage } = ctx;
  const delivery = await readDelivery(storage, job.messageId);
  if (!delivery || delivery.state !== 'queued') return finishJob(storage, job);
  const claim = holdClaim(storage, job, ctx.timings.leaseMs);
  let outcome: Outcome;
  try {
    outcome = await attempt(ctx, job, delivery.attempts);
  } finally {
    await claim.stop();
  }
  const now = new Date(ctx.now());
  switch (outcome.kind) {
    case 'wait':
      return releaseJob(storage, claim.job(), outcome.next);
    case 'retry':
      await recordDelivery(storage, job.messageId, { state: 'queued', reason: outcome.reason, attempted: true }, now);
      return releaseJob(storage, claim.job(), outcome.next);
    case 'failed':
      await recordDelivery(storage, job.messageId, { state: 'failed', reason: outcome.reason, attempted: outcome.attempted }, now);
      return finishJob(storage, claim.job());
    case 'sent':
      await recordDelivery(storage, job.messageId, { state: 'sent', reason: null, attempted: true }, now);
      return finishJob(storage, claim.job());
  }
}
