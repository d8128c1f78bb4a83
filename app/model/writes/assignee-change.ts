/** The agent's assignee change: the builder the device runs and the rule the server applies to the document. */
import type { TicketDoc } from '../ticket.schema';
import type { TicketChangeRule } from './write-types';

/** The ticket assigned to agent `agentId`, or unassigned with `null`; `null` when nothing changes. */
export function buildAssigneeChange(ticket: TicketDoc, agentId: string | null): TicketDoc | null {
  return ticket.assigneeId === agentId ? null : { ...ticket, assigneeId: agentId };
}

/** Only agents assign (a new request starts unassigned, `new-request.ts`). */
export const assigneeChangeRule: TicketChangeRule = { fields: ['assigneeId'], roles: ['agent'] };
