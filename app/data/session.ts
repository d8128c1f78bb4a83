/** The signed-in user on this device (localStorage) and sign-in; no RxDB here, so `/login` stays small. */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { SessionUser } from '../model/user';
import { clearDrafts } from './bridge/drafts';

/** The outcome of a sign-in: the user, or which kind of problem, in words. */
export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; kind: 'credentials' | 'network' | 'server'; message: string };

/** The localStorage key holding the signed-in user. */
export const USER_KEY = 'harbor.user';
/** The localStorage key stamped at each sign-in, so other tabs hear of it even when the user is the same. */
export const SIGNED_IN_AT_KEY = 'harbor.signedInAt';

/** Who is told of a sign-in in this tab or another (the data layer resumes replication on it). */
const signedInListeners = new Set<() => void>();
/** Who is told that the stored user changed in this tab (other tabs hear of it through `storage` events). */
const userListeners = new Set<() => void>();

function onSignedInElsewhere(event: StorageEvent): void {
  if (event.key === SIGNED_IN_AT_KEY && event.newValue) for (const listener of [...signedInListeners]) listener();
}

/** Tells this tab's listeners that the user signed in (`signIn` does; so does a test that signs in over HTTP). */
export function announceSignedIn(): void {
  for (const listener of [...signedInListeners]) listener();
}

/** Calls `listener` after each sign-in, in this tab or in another; returns the function that stops it. */
export function onSignedIn(listener: () => void): () => void {
  if (signedInListeners.size === 0) window.addEventListener('storage', onSignedInElsewhere);
  signedInListeners.add(listener);
  return () => {
    signedInListeners.delete(listener);
    if (signedInListeners.size === 0) window.removeEventListener('storage', onSignedInElsewhere);
  };
}

/** Whether `value` is a user as `/api/session` answers it. */
export function isSessionUser(value: unknown): value is SessionUser {
  const v = value as Record<string, unknown> | null;
  return !!v && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.email === 'string'
    && (v.role === 'customer' || v.role === 'agent');
}

/** The user kept on the device, or `null` when nobody is signed in here. */
export function storedUser(): SessionUser | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isSessionUser(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Keeps `user` on the device (or forgets it with `null`) and tells this tab's listeners. */
export function setStoredUser(user: SessionUser | null): void {
  const previous = storedUser();
  if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
  else localStorage.removeItem(USER_KEY);
  // Drafts belong to one person: a different user (or none) must not find them.
  if (previous && previous.id !== user?.id) clearDrafts();
  for (const listener of [...userListeners]) listener();
}

/** The stored user as a signal that follows sign-in and sign-out in this tab and in the others. */
export function createStoredUser(): Accessor<SessionUser | null> {
  const [user, setUser] = createSignal(storedUser(), { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const refresh = () => setUser(storedUser());
  const onStorage = (event: StorageEvent) => {
    if (event.key === USER_KEY || event.key === null) refresh();
  };
  userListeners.add(refresh);
  window.addEventListener('storage', onStorage);
  onCleanup(() => {
    userListeners.delete(refresh);
    window.removeEventListener('storage', onStorage);
  });
  return user;
}

/** The `reason` sentence of an error answer, or `null`. */
export async function readReason(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { reason?: unknown };
    return typeof body.reason === 'string' ? body.reason : null;
  } catch {
    return null;
  }
}

/** Signs in with `POST /api/session` and keeps the user on the device. Never throws. */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch('/api/session', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: email.trim(), password }),
    });
  } catch {
    return { ok: false, kind: 'network', message: 'No connection to the server. Check your network and try again.' };
  }
  if (response.status === 401 || (response.status === 400 && (!email.trim() || !password))) {
    return { ok: false, kind: 'credentials', message: 'The email or password is not right.' };
  }
  if (!response.ok) {
    const reason = await readReason(response);
    return { ok: false, kind: 'server', message: reason ?? 'The server could not sign you in. Try again in a moment.' };
  }
  const body = (await response.json().catch(() => null)) as { user?: unknown } | null;
  if (!isSessionUser(body?.user)) {
    return { ok: false, kind: 'server', message: 'The server sent an answer the app does not understand.' };
  }
  keepSignedIn(body.user);
  return { ok: true, user: body.user };
}

/** Keeps `user` on the device as signed in and tells this tab and the others (after any answer that signs in). */
export function keepSignedIn(user: SessionUser): void {
  setStoredUser(user);
  localStorage.setItem(SIGNED_IN_AT_KEY, String(Date.now()));
  announceSignedIn();
}
