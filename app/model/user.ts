/** The signed-in user as the API returns it and the device keeps it. */
import type { UserRole } from './constants';

/** A user as `/api/session` returns it. A customer's `customerId` is their `id`. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
}
