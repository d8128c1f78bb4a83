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

/** Sends `job` (claimed by this server) and records what came of it. */
export async function sendJob(ctx: SendContext, job: JobDoc): Promise<void> {
  const { storage, timings } = ctx;
  const delivery = await readDelivery(storage, job.messageId);
  if (!delivery || delivery.state !== 'queued') return finishJob(storage, job);
  const composed = await composeOutbound(ctx, job.messageId);
  if (composed.kind === 'wait') return releaseJob(storage, job, ctx.now() + timings.numberWaitMs);
  if (composed.kind === 'unsendable') {
    await recordDelivery(storage, job.messageId, { state: 'failed', reason: composed.reason, attempted: false }, new Date(ctx.now()));
    return finishJob(storage, job);
  }
  const claim = holdClaim(storage, job, timings.leaseMs);
  try {
    await ctx.transport.sendMail(composed.mail);
  } catch (error) {
    await claim.stop();
    const failure = readSmtpFailure(error);
    const attempts = delivery.attempts + 1;
    const next = ctx.now() + retryDelay(timings, attempts);
    const givingUp = !failure.permanent && next - job.queuedAt > timings.giveUpMs;
    ctx.logger.warn('outbound mail was refused', { messageId: job.messageId, permanent: failure.permanent, attempts, reason: failure.reason });
    if (failure.permanent || givingUp) {
      const reason = givingUp ? `${failure.reason} (given up: refused for longer than the retry window)` : failure.reason;
      await recordDelivery(storage, job.messageId, { state: 'failed', reason, attempted: true }, new Date(ctx.now()));
      return finishJob(storage, claim.job());
    }
    await recordDelivery(storage, job.messageId, { state: 'queued', reason: failure.reason, attempted: true }, new Date(ctx.now()));
    return releaseJob(storage, claim.job(), next);
  }
  await claim.stop();
  await recordDelivery(storage, job.messageId, { state: 'sent', reason: null, attempted: true }, new Date(ctx.now()));
  await finishJob(storage, claim.job());
}
