/**
 * The tickets' conflict handler (RxDB's default lets the server win and would drop the customer's edit):
 * status is last-writer-wins by statusChangedAt, the rest is merged three-way (app/model mergeTicket).
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { mergeTicket, ticketWriteError, type SessionUser, type TicketDoc, type TicketRating } from '../../model';
import type { OutboxView } from './replication/outbox-store';

const FIELDS = [
  'id', 'schemaVersion', 'customerId', 'customerName', 'number', 'subject', 'description', 'status',
  'statusChangedAt', 'priority', 'assigneeId', 'createdAt',
] as const satisfies readonly (keyof TicketDoc)[];

/** The rating as stored, its stamp included (an object: compared by its fields). */
function sameStoredRating(a: TicketRating | undefined, b: TicketRating | undefined): boolean {
  return a === b || (!!a && !!b && a.value === b.value && a.comment === b.comment && a.ratedAt === b.ratedAt);
}

/** Field-by-field equality of two ticket states (deletion included). */
export function sameTicket(a: WithDeleted<TicketDoc>, b: WithDeleted<TicketDoc>): boolean {
  return a._deleted === b._deleted && FIELDS.every((field) => a[field] === b[field]) && sameStoredRating(a.rating, b.rating);
}

/**
 * The handler for `user`'s device. A merge the server would refuse (the ticket was closed meanwhile) keeps the
 * server's status and records the refusal in the outbox, so the edit is not dropped in silence.
 */
export function createTicketConflictHandler(user: SessionUser, outbox: OutboxView): RxConflictHandler<TicketDoc> {
  return {
    isEqual: (a, b) => sameTicket(a, b),
    async resolve({ newDocumentState, realMasterState, assumedMasterState }) {
      const fork = newDocumentState as WithDeleted<TicketDoc>;
      const master = realMasterState as WithDeleted<TicketDoc>;
      const merged = { ...mergeTicket(fork, master, assumedMasterState), _deleted: master._deleted };
      const refusal = ticketWriteError(user, master, merged);
      if (refusal) {
        await outbox.refuse(master.id, 'tickets', refusal);
        return master;
      }
      // The server already holds everything this device wrote: that write is acknowledged.
      if (sameTicket(merged, master)) await outbox.acknowledge('tickets', [master.id]);
      return merged;
    },
  };
}
