/** What a signed-in user changes of their own account: their name and their notification choice (Settings). */
import { nameError } from '../../app/model/text-rules';
import type { AccountSettings } from '../../app/model/user';
import { AccountError, getUserDoc, toSessionUser, type UserDoc } from './accounts';
import type { Storage } from './storage';
import { isConflict } from './storage-engine';

/** The choices Settings can change; each absent one is kept. */
export interface ProfileChange {
  name?: string;
  emailOnAgentReply?: boolean;
}

/** Whether a portal reply from an agent mails `doc` a notification: yes unless they turned it off. */
export const emailsOnAgentReply = (doc: Pick<UserDoc, 'emailOnAgentReply'>): boolean => doc.emailOnAgentReply !== false;

/** The account as Settings shows it. */
export function accountSettingsOf(doc: UserDoc): AccountSettings {
  return { user: toSessionUser(doc), emailOnAgentReply: emailsOnAgentReply(doc) };
}

/**
 * Applies `change` to the stored user `userId` (the name checked by the shared rule first: throws `AccountError`),
 * read again and retried when another write got there first; the account as it is now, or null when it is gone.
 */
export async function changeProfile(storage: Storage, userId: string, change: ProfileChange): Promise<AccountSettings | null> {
  let name: string | undefined;
  if (change.name !== undefined) {
    const problem = nameError(change.name);
    if (problem) throw new AccountError('bad_name', problem);
    name = change.name.trim();
  }
  for (let attempt = 0; ; attempt++) {
    const doc = await getUserDoc(storage, userId);
    if (!doc) return null;
    const next: UserDoc = {
      ...doc,
      ...(name !== undefined && { name }),
      ...(change.emailOnAgentReply !== undefined && { emailOnAgentReply: change.emailOnAgentReply }),
    };
    try {
      await storage.users.put({ ...next });
      return accountSettingsOf(next);
    } catch (error) {
      if (!isConflict(error) || attempt >= 4) throw error;
    }
  }
}
