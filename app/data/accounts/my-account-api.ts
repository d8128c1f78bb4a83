/**
 * Settings reads and changes the signed-in user's own account on the server (`/api/me`), online only: each call
 * answers a plain result, a refusal at the field it concerns, and never throws. `send` is the device's one HTTP
 * client (its 401 asks the user to sign in again).
 */
import type { AccountSettings, SessionUser } from '../../model/user';
import { isSessionUser } from '../session';

/** Sends one request with the session cookie; rejects when the network fails. */
export type Send = (path: string, init?: RequestInit) => Promise<Response>;

/** The field a refusal belongs to, when it belongs to one. */
export type AccountField = 'name' | 'currentPassword' | 'newPassword';

/** A call's answer: its value, or why not in words (`offline` when the server could not be reached). */
export type AccountResult<T> = { ok: true; value: T } | { ok: false; field: AccountField | null; offline: boolean; message: string };

const NO_CONNECTION = 'No connection to the server. Check your network and try again.';
const SIGNED_OUT = 'Your session has ended. Sign in again to change your settings.';

/** Which field each server refusal belongs to. */
const FIELD_OF: Readonly<Record<string, AccountField>> = { bad_name: 'name', wrong_password: 'currentPassword', bad_password: 'newPassword' };

function parseSettings(value: unknown): AccountSettings | null {
  const v = value as Record<string, unknown> | null;
  return v && isSessionUser(v.user) && typeof v.emailOnAgentReply === 'boolean' ? { user: v.user, emailOnAgentReply: v.emailOnAgentReply } : null;
}

async function call<T>(send: Send, path: string, init: RequestInit, read: (body: unknown) => T | null): Promise<AccountResult<T>> {
  let response: Response;
  try {
    response = await send(path, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json' } });
  } catch {
    return { ok: false, field: null, offline: true, message: NO_CONNECTION };
  }
  const body = response.status === 204 ? null : ((await response.json().catch(() => null)) as Record<string, unknown> | null);
  if (response.ok) {
    const value = read(body);
    if (value !== null) return { ok: true, value };
    return { ok: false, field: null, offline: false, message: 'The server sent an answer the app does not understand.' };
  }
  if (response.status === 401) return { ok: false, field: null, offline: false, message: SIGNED_OUT };
  const error = typeof body?.error === 'string' ? body.error : '';
  const reason = typeof body?.reason === 'string' ? body.reason : 'The server could not save this. Try again in a moment.';
  return { ok: false, field: FIELD_OF[error] ?? null, offline: response.status >= 502 && response.status <= 504, message: reason };
}

/** The account as the server holds it (name, email, the notification choice). */
export function readAccount(send: Send): Promise<AccountResult<AccountSettings>> {
  return call(send, '/api/me', { method: 'GET' }, parseSettings);
}

/** Saves a new name or notification choice; the account as it is now. */
export function saveAccount(send: Send, change: { name?: string; emailOnAgentReply?: boolean }): Promise<AccountResult<AccountSettings>> {
  return call(send, '/api/me', { method: 'PATCH', body: JSON.stringify(change) }, parseSettings);
}

/** Changes the password with the current one; every other session of the account ends. */
export function changePassword(send: Send, currentPassword: string, newPassword: string): Promise<AccountResult<SessionUser>> {
  return call(send, '/api/me/password', { method: 'POST', body: JSON.stringify({ currentPassword, newPassword }) }, (body) => {
    const user = (body as { user?: unknown } | null)?.user;
    return isSessionUser(user) ? user : null;
  });
}

/** Ends every session of the account on the server, this one too. */
export function endEverySession(send: Send): Promise<AccountResult<true>> {
  return call(send, '/api/me/sessions', { method: 'DELETE' }, () => true);
}
