/** Helpers for the accounts-by-mail suites: an app mailing to a capture SMTP server, and the token read from a captured mail. */
import type { CreateAppOptions } from '../app';
import type { ServerConfig } from '../config';
import type { CaptureSmtp, CapturedMail } from '../test-support/capture-smtp';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { FAST_TIMINGS, mailTo } from './outbound-test-kit';

/** A test app with mail on (sending to `smtp`), short timings, and `options` (lifetimes). */
export function mailingApp(smtp: CaptureSmtp, overrides: Partial<ServerConfig> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  return createTestApp({ mail: mailTo(smtp), portalName: 'Acme Support', ...overrides }, { outboundTimings: FAST_TIMINGS, ...options });
}

/** The token of the link in `mail` (after `#token=`), and the page it opens. */
export function linkOf(mail: CapturedMail): { page: string; token: string } {
  const match = /(https?:\/\/\S+?)#token=([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no link in the mail: ${mail.parsed.text}`);
  return { page: match[1]!, token: match[2]! };
}
