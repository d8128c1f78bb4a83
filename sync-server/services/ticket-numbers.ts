/**
 * Ticket numbers: one persisted counter in `storage.scopeIndex`, advanced one at a time in this process and
 * with its revision across processes (a write from another server first is a conflict: read again, try again),
 * so numbers are unique and never reused, even when many devices create tickets at once or a server restarts.
 */
import type { Storage } from './storage';
import { isConflict } from './storage-engine';

/** How often a number is tried for when other servers keep taking the counter first. */
const MAX_ATTEMPTS = 50;

const COUNTER_ID = 'counter/ticket-number';

/** Hands out ticket numbers for one storage. */
export interface TicketNumbers {
  /** The next unused number; it is persisted before it is returned. */
  next(): Promise<number>;
}

const perStorage = new WeakMap<Storage, TicketNumbers>();

/** The one number source of `storage` (shared by every writer in the process, so assignment is serialised). */
export function ticketNumbersFor(storage: Storage): TicketNumbers {
  let numbers = perStorage.get(storage);
  if (!numbers) {
    numbers = createTicketNumbers(storage);
    perStorage.set(storage, numbers);
  }
  return numbers;
}

function createTicketNumbers(storage: Storage): TicketNumbers {
  let queue: Promise<unknown> = Promise.resolve();
  async function advance(): Promise<number> {
    const db = storage.scopeIndex;
    let current: { _id: string; _rev?: string; last: number };
    try {
      current = (await db.get(COUNTER_ID)) as unknown as typeof current;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      // No counter yet (a new portal, or a rebuilt index): start above every number already given out.
      current = { _id: COUNTER_ID, last: await highestStoredNumber(storage) };
    }
    const next = current.last + 1;
    await db.put({ ...current, last: next });
    return next;
  }
  async function advanceRetrying(): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await advance();
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
        // Another server advanced the counter first: wait a little (more after each miss), then read it again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }
  return {
    next() {
      const result = queue.then(advanceRetrying);
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

async function highestStoredNumber(storage: Storage): Promise<number> {
  const rows = await storage.tickets.allDocs({ includeDocs: true });
  let highest = 0;
  for (const row of rows) {
    const number = ('doc' in row ? (row.doc as { number?: unknown } | null | undefined) : undefined)?.number;
    if (typeof number === 'number' && number > highest) highest = number;
  }
  return highest;
}
