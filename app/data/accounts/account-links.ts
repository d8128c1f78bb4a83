/**
 * Accounts by mail, for the signed-out screens: ask for a password-reset link, and set a password with the token of
 * a reset or invitation link (which signs in as `POST /api/session` does). No RxDB here, like `session.ts`.
 */
import type { SessionUser } from '../../model/user';
import { isSessionUser, keepSignedIn, readReason } from '../session';

const NO_CONNECTION = 'No connection to the server. Check your network and try again.';

/** The answer to "send me a link": sent (whatever the server knows of the address), or a problem in words. */
export type ResetRequestResult = { ok: true } | { ok: false; message: string };

/** Why the password was not set: the server's 410 kinds, a refused password (400), or any other trouble. */
export type LinkProblemKind = 'link_used' | 'link_expired' | 'link_invalid' | 'bad_password' | 'other';

/** The answer to "set my password": signed in as `user`, or a problem of one kind, in words. */
export type SetPasswordResult = { ok: true; user: SessionUser } | { ok: false; kind: LinkProblemKind; message: string };

/** Which link a token came from: a password reset or an invitation. */
export type LinkKind = 'reset' | 'invitation';

const SET_PASSWORD_PATH: Record<LinkKind, string> = {
  reset: '/api/password-reset/confirm',
  invitation: '/api/invitation/accept',
};

async function post(path: string, body: unknown): Promise<Response | null> {
  try {
    return await fetch(path, {
      method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

/** Asks `POST /api/password-reset` to mail a link to `email`. Never throws. */
export async function requestPasswordReset(email: string): Promise<ResetRequestResult> {
  const response = await post('/api/password-reset', { email: email.trim() });
  if (!response) return { ok: false, message: NO_CONNECTION };
  if (response.ok) return { ok: true };
  return { ok: false, message: (await readReason(response)) ?? 'The link could not be sent. Try again in a moment.' };
}

const LINK_KINDS = new Set<LinkProblemKind>(['link_used', 'link_expired', 'link_invalid']);
const LINK_WORDS: Record<Exclude<LinkProblemKind, 'bad_password' | 'other'>, string> = {
  link_used: 'This link has already been used.',
  link_expired: 'This link has expired.',
  link_invalid: 'This link is not valid.',
};

/** Sets `password` with the token of a `kind` link; on success the user is kept on the device, signed in. */
export async function setPasswordWithLink(kind: LinkKind, token: string, password: string): Promise<SetPasswordResult> {
  const response = await post(SET_PASSWORD_PATH[kind], { token, password });
  if (!response) return { ok: false, kind: 'other', message: NO_CONNECTION };
  if (response.ok) {
    const body = (await response.json().catch(() => null)) as { user?: unknown } | null;
    if (!isSessionUser(body?.user)) {
      return { ok: false, kind: 'other', message: 'The server sent an answer the app does not understand.' };
    }
    keepSignedIn(body.user);
    return { ok: true, user: body.user };
  }
  const answer = (await response.clone().json().catch(() => null)) as { error?: unknown } | null;
  const reason = await readReason(response);
  if (response.status === 410) {
    const error = answer?.error as LinkProblemKind;
    const linkKind = LINK_KINDS.has(error) ? error : 'link_invalid';
    return { ok: false, kind: linkKind, message: reason ?? LINK_WORDS[linkKind as keyof typeof LINK_WORDS] };
  }
  if (response.status === 400) return { ok: false, kind: 'bad_password', message: reason ?? 'This password cannot be used.' };
  return { ok: false, kind: 'other', message: reason ?? 'The password could not be set. Try again in a moment.' };
}

/** The token of a `#token=…` fragment, or `null` when there is none. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token ? token : null;
}
