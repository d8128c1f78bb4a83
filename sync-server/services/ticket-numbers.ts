/**
 * Ticket numbers: one persisted counter in `storage.scopeIndex`, advanced one at a time in this process and
 * with its revision across processes (a write from another server first is a conflict: read again, try again),
 * so numbers are unique and never reused, even when many devices create tickets at once or a server restarts.
 * On a CouchDB cluster a node cut off from the others may accept a write too (202) and leave the counter
 * conflicted (ARCHITECTURE.md): a number is handed out only when a quorum of copies took its write, and a
 * conflicted counter goes on from the highest of its revisions, the others removed.
 */
import type { Database, Storage } from './storage';
import { isConflict, isNotFound, type StoredDocument } from './storage-engine';

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
    const current = await currentCounter(storage);
    const next = current.last + 1;
    const written = await storage.scopeIndex.putWithQuorum({ ...current, last: next });
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

/**
 * Raises the counter of `storage` to at least `atLeast`, never lowering it (a migration brings a portal's counter
 * over): the same reads as `next()`, conflicts folded in, a write another server made first read again. Resolves
 * to the counter's value after, and whether this call wrote it.
 */
export async function raiseTicketCounter(storage: Storage, atLeast: number): Promise<{ last: number; raised: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const current = await currentCounter(storage);
    // A missing counter is written too (at least above every stored ticket), so that the target holds one.
    if (current._rev !== undefined && current.last >= atLeast) return { last: current.last, raised: false };
    const last = Math.max(current.last, atLeast);
    try {
      const written = await storage.scopeIndex.putWithQuorum({ ...current, last });
      // Fewer copies than a quorum took it: read again (the write may still show), and write again if it does not.
      if (written.quorum) return { last, raised: true };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    if (attempt >= MAX_ATTEMPTS) throw new Error(`The ticket counter could not be raised to ${atLeast} in ${MAX_ATTEMPTS} attempts.`);
  }
}

/** The last number the counter of `db` gave out (the highest of its revisions), or undefined when it has none. Writes nothing. */
export async function readTicketCounter(db: Database): Promise<number | undefined> {
  try {
    const { winner, losers } = await readBranches(db);
    return Math.max(winner.last, ...losers.map((loser) => loser.last));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The counter to go on from, without `_conflicts`; when there is none yet (a new portal, or a rebuilt index), one above every number given out. */
async function currentCounter(storage: Storage): Promise<Counter> {
  try {
    const { _conflicts: _, ...counter } = await readCounter(storage.scopeIndex);
    return counter;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { _id: COUNTER_ID, last: await highestStoredNumber(storage) };
  }
}

/** The counter, its conflicting revisions folded in: it goes on from the highest, and the others are removed. */
async function readCounter(db: Database): Promise<Counter> {
  const { winner, losers } = await readBranches(db);
  if (losers.length === 0) return winner;
  // Removing a loser another server removed first fails for that row only; the winner's write below decides.
  await db.bulkDocs(losers.map((loser) => ({ _id: COUNTER_ID, _rev: loser._rev, _deleted: true })));
  return { _id: COUNTER_ID, _rev: winner._rev, last: Math.max(winner.last, ...losers.map((loser) => loser.last)) };
}

/** The counter's winning revision and its conflicting ones (rejects with 404 when there is no counter). */
async function readBranches(db: Database): Promise<{ winner: StoredDocument & Counter; losers: (StoredDocument & Counter)[] }> {
  const winner = (await db.get(COUNTER_ID, { conflicts: true })) as StoredDocument & Counter;
  const losers = await Promise.all((winner._conflicts ?? []).map((rev) => db.get(COUNTER_ID, { rev }) as Promise<StoredDocument & Counter>));
  return { winner, losers };
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
