/** What a failed hand-over to the SMTP server means: a 5xx answer is permanent; a 4xx answer, or no answer at all, is worth retrying. */

/** The failure's kind and the reason kept for the agent. */
export interface SmtpFailure {
  permanent: boolean;
  reason: string;
}

/** Reads a nodemailer error: `responseCode` and `response` when the server answered, `code` and `message` otherwise. */
export function readSmtpFailure(error: unknown): SmtpFailure {
  const failure = (error ?? {}) as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = (failure.response ?? failure.message ?? String(error)).trim().slice(0, 500);
  if (typeof failure.responseCode === 'number') return { permanent: failure.responseCode >= 500, reason };
  // No answer: refused connection, timeout, TLS trouble. An envelope nodemailer itself refuses will never pass.
  return { permanent: failure.code === 'EENVELOPE', reason };
}
