/**
 * Accounts: user documents in the `users` database, one per user (`_id` = user id), plus an `email:{address}`
 * claim document per user so that an email address is unique even when two creations race.
 */
import { newId } from '../../app/model/ids';
import { USER_ROLES, LIMITS, type UserRole } from '../../app/model/constants';
import { passwordLengthError } from '../../app/model/password-rule';
import type { SessionUser } from '../../app/model/user';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { Storage } from './storage';

/** A user as stored: the session fields plus the password hash. */
export interface UserDoc extends SessionUser {
  _id: string;
  _rev?: string;
  type: 'user';
  passwordHash: string;
  createdAt: string;
  /** False once the user turned off notification mail for agents' portal replies (absent: on). */
  emailOnAgentReply?: boolean;
}

interface EmailClaimDoc {
  _id: string;
  type: 'email';
  userId: string;
}

/** What creating an account needs. */
export interface NewAccount {
  role: UserRole;
  email: string;
  name: string;
  password: string;
}

/** An account that cannot be created; `message` is one line for the person asking. */
export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    readonly code: 'bad_role' | 'bad_email' | 'bad_name' | 'short_password' | 'duplicate_email',
    message: string,
  ) {
    super(message);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails compare case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const claimId = (email: string) => `email:${normaliseEmail(email)}`;

/** The session fields of a stored user. */
export function toSessionUser(doc: UserDoc): SessionUser {
  return { id: doc.id, name: doc.name, email: doc.email, role: doc.role };
}

function isConflict(error: unknown): boolean {
  return (error as { status?: number } | null)?.status === 409;
}

function isNotFound(error: unknown): boolean {
  return (error as { status?: number } | null)?.status === 404;
}

/** The hash of an account without a password: matches no password (`verifyPassword` reads it as malformed). */
const NO_PASSWORD = '';

/** Checks who a new account is (role, email, name); throws `AccountError` with a one-line reason. */
function checkIdentity(input: Omit<NewAccount, 'password'>): Omit<NewAccount, 'password'> {
  if (!(USER_ROLES as readonly string[]).includes(input.role)) {
    throw new AccountError('bad_role', `The role must be ${USER_ROLES.join(' or ')}, not "${input.role}".`);
  }
  const email = normaliseEmail(input.email ?? '');
  if (!EMAIL.test(email) || email.length > 254) {
    throw new AccountError('bad_email', `"${input.email}" is not an email address.`);
  }
  const name = (input.name ?? '').trim();
  if (!name || name.length > LIMITS.nameMax) {
    throw new AccountError('bad_name', `The name must be 1 to ${LIMITS.nameMax} characters.`);
  }
  return { role: input.role, email, name };
}

/** Checks a password by the rule every account's password follows; throws `AccountError` with a one-line reason. */
export function checkPassword(password: string): string {
  const short = passwordLengthError(password ?? '');
  if (short) throw new AccountError('short_password', short);
  return password;
}

/** Checks a new account's fields; throws `AccountError` with a one-line reason. */
export function checkNewAccount(input: NewAccount): NewAccount {
  const identity = checkIdentity(input);
  return { ...identity, password: checkPassword(input.password) };
}

/** True when someone can sign in to the account with a password. */
export const hasPassword = (doc: Pick<UserDoc, 'passwordHash'>): boolean => doc.passwordHash !== NO_PASSWORD;

/** Creates an account; throws `AccountError` for bad fields or an email already in use. */
export async function createAccount(storage: Storage, input: NewAccount): Promise<SessionUser> {
  const account = checkNewAccount(input);
  return storeAccount(storage, account, await hashPassword(account.password));
}

/**
 * Creates an account without a password (a customer who wrote to the support address, say): nobody can sign in
 * to it until a password is set. Throws `AccountError` as `createAccount` does.
 */
export async function createPasswordlessAccount(storage: Storage, input: Omit<NewAccount, 'password'>): Promise<SessionUser> {
  return storeAccount(storage, checkIdentity(input), NO_PASSWORD);
}

async function storeAccount(storage: Storage, account: Omit<NewAccount, 'password'>, passwordHash: string): Promise<SessionUser> {
  const id = newId();
  try {
    await storage.users.put({ _id: claimId(account.email), type: 'email', userId: id } satisfies EmailClaimDoc);
  } catch (error) {
    if (isConflict(error)) {
      throw new AccountError('duplicate_email', `An account with the email ${account.email} already exists.`);
    }
    throw error;
  }
  const doc: UserDoc = {
    _id: id,
    type: 'user',
    id,
    name: account.name,
    email: account.email,
    role: account.role,
    passwordHash,
    createdAt: new Date().toISOString(),
  };
  await storage.users.put({ ...doc });
  return toSessionUser(doc);
}

/** The stored user with this id, or null. */
export async function getUserDoc(storage: Storage, id: string): Promise<UserDoc | null> {
  try {
    const doc = (await storage.users.get(id)) as unknown as UserDoc;
    return doc.type === 'user' ? doc : null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The stored user with this email (any case), or null. */
export async function findUserDocByEmail(storage: Storage, email: string): Promise<UserDoc | null> {
  try {
    const claim = (await storage.users.get(claimId(email))) as unknown as EmailClaimDoc;
    return await getUserDoc(storage, claim.userId);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The user with this id, or null. */
export async function getUser(storage: Storage, id: string): Promise<SessionUser | null> {
  const doc = await getUserDoc(storage, id);
  return doc ? toSessionUser(doc) : null;
}

/** The user with this email (any case), or null. */
export async function findUserByEmail(storage: Storage, email: string): Promise<SessionUser | null> {
  const doc = await findUserDocByEmail(storage, email);
  return doc ? toSessionUser(doc) : null;
}

/** Every stored user, unsorted. */
export async function listUserDocs(storage: Storage): Promise<UserDoc[]> {
  const rows = await storage.users.allDocs({ includeDocs: true });
  return rows
    .map((row) => ('doc' in row ? row.doc : undefined) as unknown as UserDoc | undefined)
    .filter((doc): doc is UserDoc => doc?.type === 'user');
}

/** Every user, sorted by role then email. */
export async function listUsers(storage: Storage): Promise<SessionUser[]> {
  return (await listUserDocs(storage))
    .map(toSessionUser)
    .sort((a, b) => a.role.localeCompare(b.role) || a.email.localeCompare(b.email));
}

/**
 * The user when the password is theirs, else null. An unknown email still spends one scrypt, so the answer
 * takes about as long whether or not the account exists.
 */
export async function verifyCredentials(
  storage: Storage,
  email: string,
  password: string,
): Promise<SessionUser | null> {
  const doc = await findUserDocByEmail(storage, email);
  // A password-less account costs the same scrypt as an unknown email, so neither answers faster.
  if (!doc || doc.passwordHash === NO_PASSWORD) {
    await verifyPassword(password, await dummyHash());
    return null;
  }
  return (await verifyPassword(password, doc.passwordHash)) ? toSessionUser(doc) : null;
}
