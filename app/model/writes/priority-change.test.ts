/** The priority change: the agent's passes the rule; a customer's, built the same, does not. */
import { describe, expect, it } from 'vitest';
import { ada, aTicket, sam } from '../fixtures';
import { buildPriorityChange } from './priority-change';
import { ticketWriteError } from './write-rules';

describe('a priority change', () => {
  const stored = aTicket(ada, { number: 3 });

  it('is the agent’s: the built ticket passes, and the same from a customer is refused', () => {
    const next = buildPriorityChange(stored, 'urgent')!;
    expect(next).toEqual({ ...stored, priority: 'urgent' });
    expect(ticketWriteError(sam, stored, next)).toBeNull();
    expect(ticketWriteError(ada, stored, next)).toBe('priority is changed by an agent');
  });

  it('is nothing when the priority is the same, and refuses a value that is not a priority', () => {
    expect(buildPriorityChange(stored, 'medium')).toBeNull();
    expect(() => buildPriorityChange(stored, 'whenever' as never)).toThrow('whenever is not a priority.');
  });
});
