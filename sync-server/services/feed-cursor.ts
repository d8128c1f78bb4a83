/**
 * `since` of `_changes`, the one opaque position type of the feeds (ARCHITECTURE.md "Growing past one machine").
 * A customer's cursor is a position in the scope index; an agent's is the store's own seq. On the wire the
 * embedded server writes both as plain numbers (as it always has); over CouchDB an agent's is `a.{seq}`, so it
 * is never taken for a customer's. A token that is well-formed but not this feed's (another engine's, another
 * role's) starts the feed over, never an error loop; only an unreadable one is refused.
 */
import type { UserRole } from '../../app/model/constants';
import { HttpError } from '../middleware/http-error';
import type { Seq } from './storage-engine';

/** A resolved position in one user's feed of one collection. */
export type Cursor =
  | { kind: 'start' }
  /** Customers: after this position of the scope index. */
  | { kind: 'position'; n: number }
  /** Agents: after this seq of the store's own feed. */
  | { kind: 'seq'; seq: Seq };

/** What a `since` parameter asked: a cursor, or `now` (resolved by the handler). */
export type SinceRequest = Cursor | { kind: 'now' };

/** A cursor as written in `seq`, `last_seq` and event ids. */
export type WireSeq = number | string;

/** Which engine's tokens the server writes. */
export type TokenStyle = 'embedded' | 'couchdb';

export const START: Cursor = { kind: 'start' };

const NUMBER = /^\d{1,15}$/;
const AGENT_SEQ = /^a\.([A-Za-z0-9_-]{1,4000})$/;

/** Reads `since` (or Last-Event-ID) for `role`; absent is the start; unreadable is a 400. */
export function parseSince(raw: string | undefined, role: UserRole, style: TokenStyle): SinceRequest {
  if (raw === undefined || raw === '' || raw === '0') return START;
  if (raw === 'now') return { kind: 'now' };
  const agentSeq = AGENT_SEQ.exec(raw);
  if (!NUMBER.test(raw) && !agentSeq) {
    throw new HttpError(400, 'bad_request', 'since must be a sequence this server gave out, or now');
  }
  if (role !== 'agent') return agentSeq ? START : { kind: 'position', n: Number(raw) };
  if (style === 'embedded') return agentSeq ? START : { kind: 'seq', seq: raw };
  return agentSeq ? { kind: 'seq', seq: agentSeq[1]! } : START;
}

/** The wire form of `cursor`. */
export function formatCursor(cursor: Cursor, style: TokenStyle): WireSeq {
  if (cursor.kind === 'start') return 0;
  if (cursor.kind === 'position') return cursor.n;
  return style === 'embedded' ? Number(cursor.seq) : `a.${cursor.seq}`;
}

/** The index position a customer's cursor stands after (the start is 0). */
export function positionOf(cursor: Cursor): number {
  return cursor.kind === 'position' ? cursor.n : 0;
}

/** The store seq an agent's cursor stands after (null: the start). */
export function seqOf(cursor: Cursor): Seq | null {
  return cursor.kind === 'seq' ? cursor.seq : null;
}
