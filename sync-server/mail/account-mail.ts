/**
 * Accounts by mail, as the routes use it: a new link for an account and its mail queued (sent later by the
 * sender, on whichever server claims it), or nothing at all with mail off. Background work a route starts after
 * answering is tracked here, so that closing the app waits for it.
 */
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import { issueLink, LINK_LIFETIME_MS, type LinkPurpose } from '../services/account-links';
import type { Storage } from '../services/storage';
import type { SessionUser } from '../../app/model/user';
import { queueAccountMail } from './account-mail-job';
import { startAccountMailSender, type AccountMailSender } from './account-mail-sender';
import type { OutboundTimings } from './outbound-timings';

/** Accounts by mail on one server. */
export interface AccountMail {
  /** False with mail off (`config.mail.outbound` unset): nothing is ever queued or sent. */
  readonly on: boolean;
  /** Issues a new link for `user` (older ones stop working) and queues its mail; when it was sent and until when it works. */
  send(user: Pick<SessionUser, 'id' | 'name' | 'email'>, purpose: LinkPurpose): Promise<{ sentAt: string; expiresAt: string }>;
  /** Runs `task` after the answer went out; a failure is logged. */
  later(task: () => Promise<void>): void;
  close(): Promise<void>;
}

/** What accounts by mail needs; `lifetimes` shortens links in tests. */
export interface AccountMailDeps {
  storage: Storage;
  config: Pick<ServerConfig, 'mail' | 'publicUrl' | 'sessionSecret'>;
  portalName: string;
  logger: Logger;
  timings?: Partial<OutboundTimings>;
  lifetimes?: Partial<Record<LinkPurpose, number>>;
}

const PAGE: Readonly<Record<LinkPurpose, string>> = { reset: 'reset-password', invitation: 'invitation' };

/** Starts the sender when mail is on. */
export function createAccountMail(deps: AccountMailDeps): AccountMail {
  const { storage, config, logger } = deps;
  const outbound = config.mail.outbound;
  const sender: AccountMailSender | undefined =
    outbound && startAccountMailSender({ storage, outbound, sessionSecret: config.sessionSecret, logger, ...(deps.timings && { timings: deps.timings }) });
  const pending = new Set<Promise<void>>();
  return {
    on: sender !== undefined,
    async send(user, purpose) {
      if (!sender) throw new Error('account mail is off');
      const lifetime = deps.lifetimes?.[purpose] ?? LINK_LIFETIME_MS[purpose];
      const { token, sentAt, expiresAt } = await issueLink(storage, user.id, purpose, Date.now(), lifetime);
      // The token in the fragment: browsers never send it, so it stays out of every server's and proxy's logs.
      const link = `${config.publicUrl}/${PAGE[purpose]}#token=${token}`;
      await queueAccountMail(storage, config.sessionSecret, { purpose, to: user.email, name: user.name, portalName: deps.portalName, link });
      sender.kick();
      return { sentAt, expiresAt };
    },
    later(task) {
      const running = task().catch((error: unknown) => logger.error('account mail: queueing failed', { error }));
      pending.add(running);
      void running.finally(() => pending.delete(running));
    },
    async close() {
      await Promise.all(pending);
      await sender?.close();
    },
  };
}
