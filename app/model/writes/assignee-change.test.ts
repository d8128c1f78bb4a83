/** The assignee change: the agent's passes the rule; a customer's, built the same, does not. */
import { describe, expect, it } from 'vitest';
import { ada, aTicket, sam } from '../fixtures';
import { buildAssigneeChange } from './assignee-change';
import { ticketWriteError } from './write-rules';

describe('an assignee change', () => {
  const stored = aTicket(ada, { number: 3 });

  it('is the agent’s: assigning and unassigning pass, and the same from a customer is refused', () => {
    const assigned = buildAssigneeChange(stored, sam.id)!;
    expect(assigned).toEqual({ ...stored, assigneeId: sam.id });
    expect(ticketWriteError(sam, stored, assigned)).toBeNull();
    expect(ticketWriteError(sam, assigned, buildAssigneeChange(assigned, null)!)).toBeNull();
    expect(ticketWriteError(ada, stored, assigned)).toBe('assigneeId is changed by an agent');
  });

  it('is nothing when the assignee is the same', () => {
    expect(buildAssigneeChange(stored, null)).toBeNull();
  });
});
