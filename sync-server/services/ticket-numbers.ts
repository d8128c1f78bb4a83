/**
 * Ticket numbers: one persisted counter in `storage.scopeIndex`, advanced one at a time in this process and
 * with its revision across processes (a write from another server first is a conflict: read again, try again),
 * so numbers are unique and never reused, even when many devices create tickets at once or a server restarts.
 * On a CouchDB cluster a node cut off from the others may accept a write too (202) and leave the counter
 * conflicted (ARCHITECTURE.md): a number is handed out only when a quorum of copies took its write, and a
 * conflicted counter goes on from the highest of its revisions, the others removed.
 */
import type { Database, Storage } from './storage';
import { isConflict, type StoredDocument } from './storage-engine';

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
    let current: Counter;
    try {
      current = await readCounter(db);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      // No counter yet (a new portal, or a rebuilt index): start above every number already given out.
      current = { _id: COUNTER_ID, last: await highestStoredNumber(storage) };
    }
    const next = current.last + 1;
    const { _conflicts: _, ...counter } = current;
    const written = await db.putWithQuorum({ ...counter, last: next });
    // Fewer copies than a quorum took it: another node may hand out the same number. Skip it (a gap).
    if (!written.quorum) throw new NoQuorumError();
    return next;
  }
  async function advanceRetrying(): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await advance();
      } catch (error) {
        if (!(isConflict(error) || error instanceof NoQuorumError) || attempt >= MAX_ATTEMPTS) throw error;
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

interface Counter {
  _id: string;
  _rev?: string;
  _conflicts?: string[];
  last: number;
}

/** A counter write that fewer copies than a quorum took. */
class NoQuorumError extends Error {
  constructor() {
    super('The ticket counter was written to fewer copies than a quorum.');
  }
}

/** The counter, its conflicting revisions folded in: it goes on from the highest, and the others are removed. */
async function readCounter(db: Database): Promise<Counter> {
  const winner = (await db.get(COUNTER_ID, { conflicts: true })) as StoredDocument & Counter;
  const losers = winner._conflicts ?? [];
  if (losers.length === 0) return winner;
  const others = await Promise.all(losers.map((rev) => db.get(COUNTER_ID, { rev }) as Promise<StoredDocument & Counter>));
  // Removing a loser another server removed first fails for that row only; the winner's write below decides.
  await db.bulkDocs(losers.map((rev) => ({ _id: COUNTER_ID, _rev: rev, _deleted: true })));
  return { _id: COUNTER_ID, _rev: winner._rev, last: Math.max(winner.last, ...others.map((other) => other.last)) };
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
