/**
 * Sends queued account mails (invitations, password resets) on one server: every `pollMs`, and at once when a
 * request queued one here (`kick`). Each job is claimed with its revision (`outbound-job`), so however many
 * servers run this, one sends it; a temporary refusal is retried with the outbound backoff for up to 24 hours,
 * a permanent one drops the mail (logged). Nothing ever runs with mail off.
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger';
import type { Storage } from '../services/storage';
import { composeAccountMail } from './account-mail-compose';
import { ACCOUNT_MAIL_JOB_PREFIX, type AccountMailJob } from './account-mail-job';
import { unseal } from './account-mail-seal';
import type { OutboundMailConfig } from './mail-config';
import { claimJob, dueJobs, finishJob, holdClaim, releaseJob } from './outbound-job';
import { DEFAULT_OUTBOUND_TIMINGS, retryDelay, type OutboundTimings } from './outbound-timings';
import { readSmtpFailure } from './smtp-failure';

/** What the sender needs. */
export interface AccountMailSenderDeps {
  storage: Storage;
  outbound: OutboundMailConfig;
  sessionSecret: string;
  logger: Logger;
  timings?: Partial<OutboundTimings>;
}

/** The running sender. */
export interface AccountMailSender {
  /** Looks for due mails now. */
  kick(): void;
  /** Stops; resolves once the mail being sent now is recorded. */
  close(): Promise<void>;
}

/** Starts sending account mails from `deps.storage`. */
export function startAccountMailSender(deps: AccountMailSenderDeps): AccountMailSender {
  const { storage, logger } = deps;
  const timings: OutboundTimings = { ...DEFAULT_OUTBOUND_TIMINGS, ...deps.timings };
  const owner = randomBytes(8).toString('hex');
  const transport = nodemailer.createTransport({
    url: deps.outbound.smtpUrl,
    connectionTimeout: timings.smtpTimeoutMs,
    greetingTimeout: timings.smtpTimeoutMs,
    socketTimeout: timings.smtpTimeoutMs,
  });
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;

  async function send(job: AccountMailJob): Promise<void> {
    const claim = holdClaim(storage, job, timings.leaseMs);
    let failure: ReturnType<typeof readSmtpFailure> | undefined;
    try {
      const link = unseal(deps.sessionSecret, job.sealedLink);
      await transport.sendMail(composeAccountMail(deps.outbound.from, { purpose: job.purpose, to: job.to, name: job.name, portalName: job.portalName, link }));
    } catch (error) {
      failure = readSmtpFailure(error);
    } finally {
      await claim.stop();
    }
    const attempts = job.attempts + 1;
    const next = Date.now() + retryDelay(timings, attempts);
    if (failure && !failure.permanent && next - job.queuedAt <= timings.giveUpMs) {
      logger.warn('account mail was refused; it will be tried again', { purpose: job.purpose, attempts, reason: failure.reason });
      return releaseJob(storage, claim.job(), next, { attempts });
    }
    if (failure) logger.error('account mail was not sent', { purpose: job.purpose, reason: failure.reason });
    return finishJob(storage, claim.job());
  }

  async function sendDue(): Promise<void> {
    for (const job of await dueJobs<AccountMailJob>(storage, Date.now(), ACCOUNT_MAIL_JOB_PREFIX)) {
      if (closed) return;
      const claimed = await claimJob(storage, job, owner, Date.now(), timings.leaseMs);
      if (claimed) await send(claimed);
    }
  }

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = sendDue()
      .catch((error: unknown) => {
        if (!closed) logger.error('account mail: sending failed; retrying', { error });
      })
      .finally(() => {
        running = undefined;
        if (again) kick();
      });
  }

  const timer = setInterval(kick, timings.pollMs);
  timer.unref();
  kick();
  return {
    kick,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
