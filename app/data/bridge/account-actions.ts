/**
 * Settings' account actions for the screens: the `/api/me` calls over the device's HTTP client, with what each
 * success means on this device (the kept user's new name; signing out of every device clears this one's copy).
 */
import type { AccountSettings } from '../../model/user';
import { changePassword, endEverySession, readAccount, saveAccount, type AccountResult, type Send } from '../accounts/my-account-api';
import type { DeviceCore } from '../core/device';
import { setStoredUser, storedUser } from '../session';
import type { AccountActions } from './types';

/** The kept user takes the server's name, which tells this tab and the others (each renames its device). */
function keepName(result: AccountResult<AccountSettings>): AccountResult<AccountSettings> {
  const kept = storedUser();
  if (result.ok && kept?.id === result.value.user.id && kept.name !== result.value.user.name) {
    setStoredUser({ ...kept, name: result.value.user.name });
  }
  return result;
}

/** The actions of `device`'s user; `signOut` is the bridge's own (the device's copy, drafts and kept user go). */
export function createAccountActions(device: DeviceCore, signOut: () => Promise<void>): AccountActions {
  const send: Send = device.http ? device.http.send : (path, init) => fetch(path, { ...init, credentials: 'include' });
  return {
    read: async () => keepName(await readAccount(send)),
    save: async (change) => keepName(await saveAccount(send, change)),
    async changePassword(current, next) {
      const result = await changePassword(send, current, next);
      return result.ok ? { ok: true, value: true } : result;
    },
    async signOutEverywhere() {
      const ended = await endEverySession(send);
      if (ended.ok) await signOut();
      return ended;
    },
  };
}
