/**
 * The express-session store kept in the `sessions` database, so sessions survive a restart and, later, can be
 * shared by several server processes. Expired sessions are removed when they are read. A signed-in session also
 * has a marker `user-session:{userId}:{sid}`, so that a user's sessions can be found and ended (a new password).
 */
import session from 'express-session';
import type { SessionData } from 'express-session';
import type { Database } from './storage';

interface SessionDoc {
  _id: string;
  _rev?: string;
  session: SessionData;
  /** Epoch milliseconds after which the session is gone. */
  expiresAt: number;
}

/**
 * Session ids are base64url and may start with `_`, which PouchDB refuses as a document id (it would answer
 * 400 for one sign-in in 64): every session document's id is the session id behind this prefix.
 */
const ID_PREFIX = 'session:';
const docId = (sid: string): string => ID_PREFIX + sid;

const userMarkerPrefix = (userId: string): string => `user-session:${userId}:`;
const userOf = (data: SessionData | undefined): string | undefined => data?.user?.id;

/** Removes `id` at its current revision; gone already is fine. */
async function removeIfThere(db: Database, id: string): Promise<void> {
  try {
    const doc = await db.get(id);
    await db.remove(id, doc._rev);
  } catch (error) {
    if (status(error) !== 404 && status(error) !== 409) throw error;
  }
}

/** Ends every session of `userId` but `keepSid` (the one that just set a new password), in any engine. */
export async function endSessionsOf(db: Database, userId: string, keepSid?: string): Promise<number> {
  const prefix = userMarkerPrefix(userId);
  const rows = await db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff` });
  let ended = 0;
  for (const row of rows) {
    if (!('id' in row) || row.value.deleted) continue;
    const sid = row.id.slice(prefix.length);
    if (sid === keepSid) continue;
    await removeIfThere(db, docId(sid));
    await removeIfThere(db, row.id);
    ended++;
  }
  return ended;
}

/** A rolling session's expiry is rewritten at most this often, so busy clients do not write on every request. */
const TOUCH_GRANULARITY_MS = 60 * 60 * 1000;
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
/** How many sessions' expiries one process remembers (about 100 bytes each). */
const KNOWN_EXPIRY_LIMIT = 50_000;

function status(error: unknown): number | undefined {
  return (error as { status?: number } | null)?.status;
}

function expiryOf(data: SessionData): number {
  const expires = data.cookie?.expires;
  if (expires) return new Date(expires).getTime();
  const maxAge = data.cookie?.maxAge;
  return Date.now() + (typeof maxAge === 'number' ? maxAge : DEFAULT_TTL_MS);
}

/** An express-session `Store` over one PouchDB database. */
export class PouchSessionStore extends session.Store {
  /** Writes to one session run one after another, so two requests of one browser never conflict here. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * The expiry each recent session had when this process last read or wrote it. `touch` runs before every answer
   * goes out (express-session holds the answer for it), so reading the session again there would cost every
   * request a second round trip to storage; an expiry known here that is recent enough needs none. A stale one
   * only makes `touch` read (another server extended it) or skip a write the next hour's request makes.
   */
  private readonly knownExpiry = new Map<string, number>();

  constructor(private readonly db: Database) {
    super();
  }

  private serial<T>(sid: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(sid) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(sid, settled);
    void settled.then(() => {
      if (this.queues.get(sid) === settled) this.queues.delete(sid);
    });
    return next;
  }

  private remember(sid: string, expiresAt: number | null): void {
    this.knownExpiry.delete(sid);
    if (expiresAt === null) return;
    this.knownExpiry.set(sid, expiresAt); // re-inserted: the map's order is oldest first
    if (this.knownExpiry.size > KNOWN_EXPIRY_LIMIT) this.knownExpiry.delete(this.knownExpiry.keys().next().value!);
  }

  private async read(sid: string): Promise<SessionDoc | null> {
    try {
      const doc = (await this.db.get(docId(sid))) as unknown as SessionDoc;
      this.remember(sid, doc.expiresAt);
      return doc;
    } catch (error) {
      if (status(error) !== 404) throw error;
      this.remember(sid, null);
      return null;
    }
  }

  private async remove(doc: SessionDoc): Promise<void> {
    const sid = doc._id.slice(ID_PREFIX.length);
    this.remember(sid, null);
    try {
      await this.db.remove(doc._id, doc._rev!);
    } catch (error) {
      if (status(error) !== 404 && status(error) !== 409) throw error;
    }
    const userId = userOf(doc.session);
    if (userId) await removeIfThere(this.db, userMarkerPrefix(userId) + sid);
  }

  /** Writes the marker of a signed-in session once (a 409: it is there). */
  private async markUser(sid: string, data: SessionData): Promise<void> {
    const userId = userOf(data);
    if (!userId) return;
    try {
      await this.db.put({ _id: userMarkerPrefix(userId) + sid, userId });
    } catch (error) {
      if (status(error) !== 409) throw error;
    }
  }

  /** Upserts, retrying when a write from elsewhere got there first. */
  private async write(sid: string, update: (current: SessionDoc | null) => SessionDoc | null): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.read(sid);
      const next = update(current);
      if (!next) return;
      try {
        await this.db.put({ ...next, _id: docId(sid), ...(current?._rev && { _rev: current._rev }) });
        this.remember(sid, next.expiresAt);
        return;
      } catch (error) {
        if (status(error) !== 409 || attempt >= 4) throw error;
      }
    }
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.serial(sid, async () => {
      const doc = await this.read(sid);
      if (!doc) return null;
      if (doc.expiresAt <= Date.now()) {
        await this.remove(doc);
        return null;
      }
      return doc.session;
    }).then(
      (data) => callback(null, data),
      (error) => callback(error),
    );
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    this.serial(sid, async () => {
      // The marker first: a session that exists is always found by its user.
      await this.markUser(sid, data);
      await this.write(sid, () => ({ _id: docId(sid), session: JSON.parse(JSON.stringify(data)), expiresAt: expiryOf(data) }));
    }).then(
      () => callback?.(),
      (error) => callback?.(error),
    );
  }

  override touch(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    const expiresAt = expiryOf(data);
    const known = this.knownExpiry.get(sid);
    if (known !== undefined && expiresAt - known < TOUCH_GRANULARITY_MS) {
      callback?.();
      return;
    }
    this.serial(sid, () =>
      this.write(sid, (current) => {
        if (!current || expiresAt - current.expiresAt < TOUCH_GRANULARITY_MS) return null;
        return { ...current, session: { ...current.session, cookie: JSON.parse(JSON.stringify(data.cookie)) }, expiresAt };
      }),
    ).then(
      () => callback?.(),
      (error) => callback?.(error),
    );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.serial(sid, async () => {
      const doc = await this.read(sid);
      if (doc) await this.remove(doc);
    }).then(
      () => callback?.(),
      (error) => callback?.(error),
    );
  }
}
