/**
 * `since` of `_changes`, the one opaque position type of the feeds (ARCHITECTURE.md "Growing past one machine").
 * A customer's cursor is a position in the scope index; an agent's is the store's own seq. On the wire the
 * embedded server writes both as plain numbers (as it always has); over CouchDB an agent's is `a.{seq}`, so it
 * is never taken for a customer's, and a customer's is `{epoch}-{n}` of the Redis index that gave it out. A token that is well-formed but not this feed's (another engine's, another
 * role's) starts the feed over, never an error loop; only an unreadable one is refused.
 */
import type { UserRole } from '../../app/model/constants';
import { HttpError } from '../middleware/http-error';
import type { Seq } from './storage-engine';

/** A resolved position in one user's feed of one collection. */
export type Cursor =
  | { kind: 'start' }
  /** Customers: after this position of the scope index (of the Redis index built as `epoch`, when it has one). */
  | { kind: 'position'; n: number; epoch?: string }
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
const EPOCH_POSITION = /^([a-z0-9]{1,32})-(\d{1,15})$/;

/** Reads `since` (or Last-Event-ID) for `role`; absent is the start; unreadable is a 400. */
export function parseSince(raw: string | undefined, role: UserRole, style: TokenStyle): SinceRequest {
  if (raw === undefined || raw === '' || raw === '0') return START;
  if (raw === 'now') return { kind: 'now' };
  const agentSeq = AGENT_SEQ.exec(raw);
  const epochPosition = EPOCH_POSITION.exec(raw);
  if (!NUMBER.test(raw) && !agentSeq && !epochPosition) {
    throw new HttpError(400, 'bad_request', 'since must be a sequence this server gave out, or now');
  }
  if (role !== 'agent') {
    if (epochPosition) return { kind: 'position', n: Number(epochPosition[2]), epoch: epochPosition[1]! };
    return agentSeq ? START : { kind: 'position', n: Number(raw) };
  }
  if (epochPosition) return START;
  if (style === 'embedded') return agentSeq ? START : { kind: 'seq', seq: raw };
  return agentSeq ? { kind: 'seq', seq: agentSeq[1]! } : START;
}

/** The wire form of `cursor`. */
export function formatCursor(cursor: Cursor, style: TokenStyle): WireSeq {
  if (cursor.kind === 'start') return 0;
  if (cursor.kind === 'position') return cursor.epoch ? `${cursor.epoch}-${cursor.n}` : cursor.n;
  return style === 'embedded' ? Number(cursor.seq) : `a.${cursor.seq}`;
}

/** The position a customer's cursor stands after in the index built as `epoch` (0: the start, also for another index's). */
export function positionOf(cursor: Cursor, epoch?: string): number {
  return cursor.kind === 'position' && cursor.epoch === epoch ? cursor.n : 0;
}

/** The store seq an agent's cursor stands after (null: the start). */
export function seqOf(cursor: Cursor): Seq | null {
  return cursor.kind === 'seq' ? cursor.seq : null;
}
