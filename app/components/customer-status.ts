/** A customer's account in words: has a password, invited (until when), or not invited. */
import { formatDate } from './now-clock';

/** What the status needs of a customer. */
export interface CustomerAccount {
  hasPassword: boolean;
  invitation: { sentAt: number; expiresAt: number } | null;
}

/** "Has a password", "Invited · expires Dec 14, 2026", "Invitation expired Dec 1, 2026" or "Not invited". */
export function customerStatus(customer: CustomerAccount, now: number): string {
  if (customer.hasPassword) return 'Has a password';
  const invitation = customer.invitation;
  if (!invitation) return 'Not invited';
  if (invitation.expiresAt <= now) return `Invitation expired ${formatDate(invitation.expiresAt)}`;
  return `Invited · expires ${formatDate(invitation.expiresAt)}`;
}
