/**
 * Whether a customer takes the mail a message would send: an email reply is the conversation itself and always
 * goes; a portal reply's notification goes unless the customer turned it off in Settings.
 */
import { emailsOnAgentReply } from '../services/account-profile';
import { getUserDoc } from '../services/accounts';
import type { Storage } from '../services/storage';
import type { OutboundKind } from './outbound-kind';

/** True when mail of `kind` should be queued for customer `customerId` (an account that cannot be read: yes, as before). */
export async function customerTakes(storage: Storage, kind: OutboundKind, customerId: string): Promise<boolean> {
  if (kind === 'email') return true;
  const customer = await getUserDoc(storage, customerId);
  return !customer || emailsOnAgentReply(customer);
}
