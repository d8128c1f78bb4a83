/** Helpers for the accounts-by-mail suites: an app mailing to a capture SMTP server, and the token read from a captured mail. */
import request from 'supertest';
import { createApp, type CreateAppOptions } from '../app';
import { testConfig, type ServerConfig } from '../config';
import { createLogger } from '../logger';
import type { CaptureSmtp, CapturedMail } from '../test-support/capture-smtp';
import { testStorageConfig } from '../test-support/test-storage';
import { addUser, signedInAgent, type TestApp } from '../test-support/test-app';
import { FAST_TIMINGS, mailTo } from './outbound-test-kit';

/** A test app with mail on (sending to `smtp`), short timings, and `options` (lifetimes). */
export async function mailingApp(smtp: CaptureSmtp, overrides: Partial<ServerConfig> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  const config = testConfig({ ...testStorageConfig(), mail: mailTo(smtp), portalName: 'Acme Support', ...overrides });
  const harbor = await createApp(config, { logger: createLogger({ silent: true }), outboundTimings: FAST_TIMINGS, ...options });
  return {
    ...harbor,
    close: () => harbor.close(),
    config,
    agent: () => request.agent(harbor.app),
    async signIn(input) {
      const user = await addUser(harbor.storage, input);
      return { user, agent: await signedInAgent(harbor.app, input.email, input.password ?? 'correct-horse-battery') };
    },
  };
}

/** The token of the link in `mail` (after `#token=`), and the page it opens. */
export function linkOf(mail: CapturedMail): { page: string; token: string } {
  const match = /(https?:\/\/\S+?)#token=([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no link in the mail: ${mail.parsed.text}`);
  return { page: match[1]!, token: match[2]! };
}
