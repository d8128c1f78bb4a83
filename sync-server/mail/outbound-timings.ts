/** How outbound mail paces itself; tests pass short ones (`createApp`'s options, or HARBOR_TEST_MAIL_TIMINGS under NODE_ENV=test). */

export interface OutboundTimings {
  /** How often a server looks for jobs that became due (a new message is tried at once). */
  pollMs: number;
  /** How long a claim holds a job unless renewed (a sender renews it every third of it): how soon a dead server's mail is taken over. */
  leaseMs: number;
  /** The SMTP connection, greeting and socket timeouts. */
  smtpTimeoutMs: number;
  /** The first wait after a temporary failure; each later one doubles, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long temporary failures are retried before the delivery is failed. */
  giveUpMs: number;
  /** How soon a message whose ticket has no number yet is looked at again. */
  numberWaitMs: number;
}

export const DEFAULT_OUTBOUND_TIMINGS: OutboundTimings = {
  pollMs: 5_000,
  leaseMs: 60_000,
  smtpTimeoutMs: 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 30 * 60_000,
  giveUpMs: 24 * 60 * 60_000,
  numberWaitMs: 1_000,
};

/** The wait before attempt `attempts + 1`, after `attempts` temporary failures (1, 2, …). */
export function retryDelay(timings: OutboundTimings, attempts: number): number {
  return Math.min(timings.retryMaxMs, timings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

/** The timings a test process asked for in HARBOR_TEST_MAIL_TIMINGS (JSON, only under NODE_ENV=test), over the defaults. */
export function timingsFromEnv(env: Record<string, string | undefined>): OutboundTimings {
  const raw = env.NODE_ENV === 'test' ? env.HARBOR_TEST_MAIL_TIMINGS : undefined;
  return raw ? { ...DEFAULT_OUTBOUND_TIMINGS, ...(JSON.parse(raw) as Partial<OutboundTimings>) } : DEFAULT_OUTBOUND_TIMINGS;
}
