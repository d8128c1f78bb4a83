/** Reads `/db` query parameters the way CouchDB spells them; anything unreadable is a 400 with a reason. */
import { HttpError } from '../middleware/http-error';

/** The most rows one `_changes` page returns, whatever `limit` asks (the client continues from `last_seq`). */
export const MAX_CHANGES_LIMIT = 1000;
/**
 * The most `keys` one `_all_docs` reads, as many as one `_changes` page: RxDB asks for one push batch's ids
 * (the app's 50, RxDB's default 100). Past it the request is refused whole (413), not cut short.
 */
export const MAX_ALL_DOCS_KEYS = 1000;
/**
 * The most documents one `_bulk_docs` writes: four times the app's push batch (50), twice RxDB's default (100).
 * Writes cost more than reads (a check, a read and a write each, one at a time), so the bound is lower.
 */
export const MAX_BULK_DOCS = 200;

type Query = Record<string, unknown>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'bad_request', `${name} must be given once`);
  return value;
}

/** A non-negative whole number parameter, or `fallback` when absent. */
export function readCount(query: Query, name: string, fallback: number): number {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, 'bad_request', `${name} must be a whole number`);
  return Number(raw);
}

/** A boolean parameter (`true`/`false`), or `fallback` when absent. */
export function readFlag(query: Query, name: string, fallback: boolean): boolean {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new HttpError(400, 'bad_request', `${name} must be true or false`);
  return raw === 'true';
}

/** The raw `since` parameter (or, for event streams, the `Last-Event-ID` header, which wins when present). */
export function readSinceParam(query: Query, lastEventId?: string): string | undefined {
  return lastEventId ?? single(query, 'since');
}

/** `feed`: normal (default), longpoll or eventsource; continuous is not offered. */
export function readFeed(query: Query): 'normal' | 'longpoll' | 'eventsource' {
  const feed = single(query, 'feed') ?? 'normal';
  if (feed === 'normal' || feed === 'longpoll' || feed === 'eventsource') return feed;
  throw new HttpError(400, 'bad_request', 'feed must be normal, longpoll or eventsource');
}

/** `keys` for GET `_all_docs`: a JSON array of strings (RxDB sends it without URL-encoding). */
export function readKeysParam(query: Query): string[] | undefined {
  const raw = single(query, 'keys');
  if (raw === undefined) return undefined;
  let keys: unknown;
  try {
    keys = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'bad_request', 'keys must be a JSON array of document ids');
  }
  return checkKeys(keys);
}

/** Checks that `keys` is an array of at most `MAX_ALL_DOCS_KEYS` strings. */
export function checkKeys(keys: unknown): string[] {
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    throw new HttpError(400, 'bad_request', 'keys must be an array of document ids');
  }
  if (keys.length > MAX_ALL_DOCS_KEYS) throw tooMany(keys.length, MAX_ALL_DOCS_KEYS, 'keys in one _all_docs');
  return keys as string[];
}

/** Checks that `docs` is an array of at most `MAX_BULK_DOCS` entries (each is checked when it is written). */
export function checkDocs(docs: unknown): unknown[] {
  if (!Array.isArray(docs)) throw new HttpError(400, 'bad_request', 'docs must be an array');
  if (docs.length > MAX_BULK_DOCS) throw tooMany(docs.length, MAX_BULK_DOCS, 'documents in one _bulk_docs');
  return docs;
}

function tooMany(count: number, max: number, what: string): HttpError {
  return new HttpError(413, 'payload_too_large', `At most ${max} ${what}, not ${count}: send them in batches.`);
}
