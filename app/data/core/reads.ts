/**
 * The device's reads as plain documents, for the views (customer lists, the agent's threads and inbox): each an
 * RxDB query or change stream of the core's database, so that no view reaches RxDB itself. A document keeps its
 * object for the same revision (RxDB caches documents), so unchanged rows keep their identity.
 */
import { map, of, type Observable } from 'rxjs';
import type { RxDocument } from 'rxdb';
import type { DeliveryDoc, MessageDoc, TicketDoc } from '../../model';
import type { PortalDatabase } from './database';
import { changedSince, type Checkpoint, type Stored } from './rxdb-internals';

type CollectionName = 'tickets' | 'messages';

/** The live and one-off reads of one open database. */
export interface DeviceReads {
  /** A customer's tickets, newest first. */
  customerTickets(customerId: string): Observable<TicketDoc[]>;
  /** Public messages of a customer or of a ticket, oldest first. */
  publicMessages(selector: { customerId: string } | { ticketId: string }): Observable<MessageDoc[]>;
  /** One ticket, or null while it is not on the device. */
  ticket(id: string): Observable<TicketDoc | null>;
  /** Every message of a ticket, internal notes included, oldest first (an agent's thread). */
  threadMessages(ticketId: string): Observable<MessageDoc[]>;
  /** The email delivery states of a ticket's messages (an agent's device; always empty on a customer's). */
  ticketDeliveries(ticketId: string): Observable<DeliveryDoc[]>;
  /** Every message of a ticket now. */
  messagesOfTicket(ticketId: string): Promise<MessageDoc[]>;
  /** Each document written to `collection` from now on (this tab's, other tabs', replication's), as stored. */
  writes<T>(collection: CollectionName): Observable<Stored<T>>;
  /** The documents written after `at`, deleted ones included, in write order. */
  writtenSince<T>(collection: CollectionName, at: Checkpoint | null): Promise<Stored<T>[]>;
}

const plain = new WeakMap<object, unknown>();

/** The plain document of an RxDocument; the same object for the same revision. */
function toPlain<T>(doc: RxDocument<T>): T {
  let value = plain.get(doc) as T | undefined;
  if (!value) {
    value = doc.toJSON() as T;
    plain.set(doc, value);
  }
  return value;
}

const plainList = <T>(docs: unknown[]): T[] => docs.map((d) => toPlain<T>(d as RxDocument<T>));

/** The reads of `db`. */
export function createDeviceReads(db: PortalDatabase): DeviceReads {
  return {
    customerTickets: (customerId) =>
      db.tickets.find({ selector: { customerId }, sort: [{ createdAt: 'desc' }] }).$.pipe(map((docs) => plainList<TicketDoc>(docs))),
    publicMessages: (selector) =>
      db.messages.find({ selector: { ...selector, visibility: 'public' }, sort: [{ createdAt: 'asc' }] }).$
        .pipe(map((docs) => plainList<MessageDoc>(docs))),
    ticket: (id) => db.tickets.findOne(id).$.pipe(map((doc) => (doc ? toPlain<TicketDoc>(doc as RxDocument<TicketDoc>) : null))),
    threadMessages: (ticketId) =>
      db.messages.find({ selector: { ticketId }, sort: [{ createdAt: 'asc' }] }).$.pipe(map((docs) => plainList<MessageDoc>(docs))),
    ticketDeliveries: (ticketId) =>
      db.deliveries
        ? db.deliveries.find({ selector: { ticketId } }).$.pipe(map((docs) => plainList<DeliveryDoc>(docs)))
        : of([]),
    messagesOfTicket: async (ticketId) => plainList<MessageDoc>(await db.messages.find({ selector: { ticketId } }).exec()),
    writes: <T>(collection: CollectionName) =>
      (db[collection].$ as Observable<{ documentData: unknown }>).pipe(map((event) => event.documentData as Stored<T>)),
    writtenSince: (collection, at) => changedSince(db, collection, at),
  };
}
