// One customer's documents among many others', interleaved as over months of use: what the first-sync suites pull from.
import type { Storage } from '../../sync-server/services/storage';
import { bulkWrite, type HarborSeed } from './harbor-server';
import { benchCustomer, customerDocs } from './seed-data';

/** Customer 0's share of a crowd seed: 50 tickets and 500 messages. */
export const OWN_TICKETS = 50;
export const OWN_MESSAGES = 500;
export const OWN_DOCS = OWN_TICKETS + OWN_MESSAGES;

/** How many tickets and messages a crowd of `others` customers (20 + 180 each) and customer 0 hold together. */
export const crowdDocCount = (others: number): number => others * 200 + OWN_DOCS;

/** Writes each collection's documents in the order given, in `_bulk_docs` calls of up to 2,000. */
function bufferedWriter(storage: Storage): { add(docs: ReturnType<typeof customerDocs>): Promise<void>; flush(): Promise<void> } {
  const pending = { tickets: [] as object[], messages: [] as object[] };
  const write = async (collection: 'tickets' | 'messages', min: number): Promise<void> => {
    if (pending[collection].length < min) return;
    await bulkWrite(storage[collection], pending[collection].splice(0));
  };
  return {
    async add(docs) {
      pending.tickets.push(...docs.tickets);
      pending.messages.push(...docs.messages);
      await write('tickets', 2000);
      await write('messages', 2000);
    },
    async flush() {
      await write('tickets', 1);
      await write('messages', 1);
    },
  };
}

/**
 * Customer 0 among `others` customers, with every account: customer 0's documents are written a slice at a time
 * between the others', so that they are spread over the whole of each database's feed.
 */
export function crowdSeed(others: number): HarborSeed & { own: ReturnType<typeof customerDocs> } {
  const own = customerDocs(benchCustomer(0), OWN_TICKETS, OWN_MESSAGES);
  return {
    own,
    users: [benchCustomer(0), ...Array.from({ length: others }, (_, i) => benchCustomer(i + 1))],
    async fill(storage) {
      const writer = bufferedWriter(storage);
      const slices = Math.max(1, others);
      const slice = <T>(docs: T[], i: number): T[] => docs.slice(Math.floor((i * docs.length) / slices), Math.floor(((i + 1) * docs.length) / slices));
      for (let i = 0; i <= others; i++) {
        const theirs = i < others ? customerDocs(benchCustomer(i + 1), 20, 180) : { tickets: [], messages: [] };
        await writer.add({ tickets: [...slice(own.tickets, i), ...theirs.tickets], messages: [...slice(own.messages, i), ...theirs.messages] });
      }
      await writer.flush();
    },
  };
}
