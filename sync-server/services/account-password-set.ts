/** Setting an account's password from a mailed link (a reset, an accepted invitation), by the rule sign-up uses. */
import type { SessionUser } from '../../app/model/user';
import { checkPassword, getUserDoc, toSessionUser } from './accounts';
import { hashPassword } from './passwords';
import type { Storage } from './storage';
import { isConflict } from './storage-engine';

/** Stores a new password for `userId` (checked first: throws `AccountError`); the user, or null when it is gone. */
export async function setPassword(storage: Storage, userId: string, password: string): Promise<SessionUser | null> {
  const passwordHash = await hashPassword(checkPassword(password));
  for (let attempt = 0; ; attempt++) {
    const doc = await getUserDoc(storage, userId);
    if (!doc) return null;
    try {
      await storage.users.put({ ...doc, passwordHash });
      return toSessionUser(doc);
    } catch (error) {
      if (!isConflict(error) || attempt >= 4) throw error;
    }
  }
}
