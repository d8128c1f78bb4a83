/**
 * A queued account mail, `account-mail-job:{id}` in `storage.mail`: who it goes to, the portal's name, and the
 * link sealed (`account-mail-seal`). It is claimed, renewed, released and finished as message jobs are
 * (`outbound-job`), so one server sends it; a sent or refused-for-good job is removed with its sealed link.
 */
import { randomBytes } from 'node:crypto';
import type { LinkPurpose } from '../services/account-links';
import type { Storage } from '../services/storage';
import { seal } from './account-mail-seal';
import type { JobLease } from './outbound-job';

export const ACCOUNT_MAIL_JOB_PREFIX = 'account-mail-job:';

/** An account mail's job as stored. */
export interface AccountMailJob extends JobLease {
  purpose: LinkPurpose;
  to: string;
  name: string;
  portalName: string;
  sealedLink: string;
  /** Temporary refusals so far. */
  attempts: number;
}

/** What is queued. */
export interface AccountMailRequest {
  purpose: LinkPurpose;
  to: string;
  name: string;
  portalName: string;
  link: string;
}

/** Writes the job of `mail`, due at once. */
export async function queueAccountMail(storage: Storage, secret: string, mail: AccountMailRequest, now = Date.now()): Promise<void> {
  const { link, ...fields } = mail;
  await storage.mail.put({
    _id: ACCOUNT_MAIL_JOB_PREFIX + `${now.toString(36).padStart(9, '0')}-${randomBytes(8).toString('hex')}`,
    ...fields,
    sealedLink: seal(secret, link),
    attempts: 0,
    queuedAt: now,
    nextAttemptAt: now,
    owner: null,
    leaseUntil: 0,
  });
}
