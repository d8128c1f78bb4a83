/** The agent's priority change: the builder the device runs and the rule the server applies to the document. */
import { PRIORITIES, type Priority } from '../constants';
import type { TicketDoc } from '../ticket.schema';
import type { TicketChangeRule } from './write-types';

/** The ticket with `priority`; `null` when it already has it. Throws for a value that is not a priority. */
export function buildPriorityChange(ticket: TicketDoc, priority: Priority): TicketDoc | null {
  if (!PRIORITIES.includes(priority)) throw new Error(`${String(priority)} is not a priority.`);
  return ticket.priority === priority ? null : { ...ticket, priority };
}

/** Only agents set the priority (a new request starts `medium`, `new-request.ts`). */
export const priorityChangeRule: TicketChangeRule = { fields: ['priority'], roles: ['agent'] };
