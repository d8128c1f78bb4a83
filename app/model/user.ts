/** The signed-in user as the API returns it and the device keeps it. */
import type { UserRole } from './constants';

/** A user as `/api/session` returns it. A customer's `customerId` is their `id`. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
}

/** `GET`/`PATCH /api/me`: the user and their notification choice (on unless they turned it off). */
export interface AccountSettings {
  user: SessionUser;
  /** Whether a portal reply from an agent sends them a notification mail. */
  emailOnAgentReply: boolean;
}
