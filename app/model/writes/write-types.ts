/**
 * What every write in this folder is made of: a builder's context (who writes, when, how ids are made) and the
 * shape of a rule over documents, so the dispatcher (`write-rules.ts`) can apply any write's rule alike.
 */
import type { UserRole } from '../constants';
import type { TicketDoc } from '../ticket.schema';
import type { SessionUser } from '../user';

/** A refusal in words (lower-case, shown to people after capitalising), or `null` when the write is allowed. */
export type Reason = string | null;

/** What a builder needs besides its input; the device passes `Date.now()` and `newId`, tests pass fixed ones. */
export interface WriteContext {
  user: SessionUser;
  now: number;
  newId: () => string;
}

/**
 * The rule of a write that changes a stored ticket: the fields it may change, the roles that may change them,
 * and what must hold of the change besides. One pushed document may carry several such writes (replication
 * sends a ticket's latest state), so the dispatcher applies every rule whose fields differ.
 */
export interface TicketChangeRule {
  fields: readonly (keyof TicketDoc)[];
  roles: readonly UserRole[];
  /** Whether the write changes these fields; by default, whether any of them differs (an object field says how). */
  changed?: (previous: TicketDoc, next: TicketDoc) => boolean;
  check?: (user: SessionUser, previous: TicketDoc, next: TicketDoc) => Reason;
}
