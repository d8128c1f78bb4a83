// Documents for the bench: customers, their tickets and messages, in CouchDB form, as the server stores them.
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { SessionUser } from '../../app/model/user';

/** A generated customer account (all share one password). */
export interface BenchCustomer extends SessionUser {
  role: 'customer';
}

/** Customer number `n` of a run (ids and emails are stable within a run). */
export function benchCustomer(n: number): BenchCustomer {
  return { id: `bench-customer-${n}`, name: `Customer ${n}`, email: `customer${n}@bench.example`, role: 'customer' };
}

/** The agent every run signs in as. */
export const benchAgent: SessionUser = { id: 'bench-agent', name: 'Bench Agent', email: 'agent@bench.example', role: 'agent' };

let ticketNumber = 0;

/** `tickets` tickets and `messages` messages (spread over the tickets) of `customer`, CouchDB form, numbered. */
export function customerDocs(
  customer: SessionUser,
  tickets: number,
  messages: number,
): { tickets: Array<Record<string, unknown>>; messages: Array<Record<string, unknown>> } {
  const now = Date.now();
  const ticketDocs = Array.from({ length: tickets }, (_, i) => {
    const t = aTicket(customer, {
      id: newId(),
      number: ++ticketNumber,
      subject: `Question ${i + 1} about my order`,
      description: 'The parcel arrived without the power cable that the product page lists as included.',
      createdAt: now - (tickets - i) * 60_000,
      statusChangedAt: now - (tickets - i) * 60_000,
    });
    return t;
  });
  const messageDocs = Array.from({ length: messages }, (_, i) => {
    const ticket = ticketDocs[i % Math.max(1, tickets)]!;
    return aMessage(ticket, customer, {
      id: newId(),
      body: `Message ${i + 1}: could you tell me when the replacement cable ships? Thanks for the help so far.`,
      createdAt: ticket.createdAt + i,
    });
  });
  const couch = ({ id, ...rest }: { id: string }) => ({ _id: id, ...rest });
  return { tickets: ticketDocs.map(couch), messages: messageDocs.map(couch) };
}
