/**
 * The screens' live reads: the core's reads of the device (`core/reads.ts`) as Solid signals, with last
 * message, activity and counts derived from the messages. One query per list, never one per ticket, so 500
 * tickets stay cheap; unchanged rows keep their object identity so Solid re-renders only what changed.
 */
import { createMemo, type Accessor } from 'solid-js';
import { combineLatest, map } from 'rxjs';
import type { MessageDoc, SessionUser, TicketDoc } from '../../model';
import { ticketSearchText } from '../../model/ticket-search';
import type { DeviceReads } from '../core/reads';
import { bodiesByTicket, deliveryOf, ratingDeliveryOf, summarizeConversations, summarizeTickets } from './derive-summaries';
import { fromObservable } from '../bridge/live-bridge';
import { outboxKey, type OutboxEntry } from '../core/replication/outbox-store';
import type { ConversationSummary, Delivery, MessageView, TicketSummary } from '../bridge/types';

/** Keeps the previous object for a row whose inputs did not change. */
function createRowCache<R>() {
  let previous = new Map<string, { key: unknown[]; row: R }>();
  return (rows: { id: string; key: unknown[]; make(): R }[]): R[] => {
    const next = new Map<string, { key: unknown[]; row: R }>();
    const out = rows.map(({ id, key, make }) => {
      const old = previous.get(id);
      const row = old && old.key.length === key.length && old.key.every((k, i) => k === key[i]) ? old.row : make();
      next.set(id, { key, row });
      return row;
    });
    previous = next;
    return out;
  };
}

/** The live reads of one user's database. */
export function createLiveQueries(
  reads: DeviceReads,
  user: SessionUser,
  outbox: Accessor<Record<string, OutboxEntry>>,
  listsKnown: Accessor<boolean>,
  offline: Accessor<boolean> = () => false,
) {
  const publicMessages = (selector: { customerId: string } | { ticketId: string }) => reads.publicMessages(selector);

  return {
    tickets(): Accessor<TicketSummary[] | undefined> {
      const tickets$ = reads.customerTickets(user.id);
      const cache = createRowCache<TicketSummary>();
      const source = combineLatest([tickets$, publicMessages({ customerId: user.id })]).pipe(
        map(([tickets, messages]) => {
          const byId = new Map(tickets.map((t) => [t.id, t]));
          // Grouped only when a row is rebuilt: most emissions (a ticket's own write) rebuild none.
          let bodies: Map<string, string[]> | undefined;
          const bodiesOf = (id: string) => (bodies ??= bodiesByTicket(messages)).get(id) ?? [];
          // Messages are immutable and only ever added, so the count is enough to know the search text is current.
          return cache(summarizeTickets(tickets, messages).map((s) => ({
            id: s.id,
            key: [byId.get(s.id), s.lastMessage?.createdAt, s.lastMessage?.body, s.messageCount],
            make: () => ({ ...s, searchText: ticketSearchText(s, bodiesOf(s.id)) }),
          })));
        }),
      );
      const summaries = fromObservable(source);
      // Before the first pull an empty device would read as "no tickets": keep loading until the list is known.
      return createMemo(() => {
        const list = summaries();
        return list && (list.length > 0 || listsKnown()) ? list : undefined;
      });
    },

    ticket(id: string): Accessor<TicketDoc | null | undefined> {
      const found = fromObservable(reads.ticket(id));
      // "Not found" only once the device knows its list; before the first pull it is still loading.
      return createMemo(() => {
        const ticket = found();
        return ticket === null && !listsKnown() ? undefined : ticket;
      });
    },

    messages(ticketId: string): Accessor<MessageView[] | undefined> {
      const docs = fromObservable(publicMessages({ ticketId }));
      const cache = createRowCache<MessageView>();
      return createMemo(() => {
        const list = docs();
        if (!list) return undefined;
        const entries = outbox();
        const noNetwork = offline();
        return cache(list.map((doc) => {
          const delivery = deliveryOf(entries[outboxKey('messages', doc.id)], noNetwork);
          return {
            id: doc.id,
            key: [doc, delivery.state, delivery.state === 'failed' ? delivery.reason : ''],
            make: () => ({ ...doc, delivery }),
          };
        }));
      });
    },

    ratingDelivery(ticketId: string): Accessor<Delivery | null> {
      return createMemo(() => ratingDeliveryOf(outbox()[outboxKey('tickets', ticketId)], offline()), null, {
        equals: (a, b) => a?.state === b?.state && (a?.state !== 'failed' || (b?.state === 'failed' && a.reason === b.reason)),
      });
    },

    conversations(ticketId: string): Accessor<ConversationSummary[]> {
      const docs = fromObservable(publicMessages({ ticketId }));
      return createMemo(() => summarizeConversations(docs() ?? []));
    },
  };
}
