/** Reads `/db` query parameters the way CouchDB spells them; anything unreadable is a 400 with a reason. */
import { HttpError } from '../middleware/http-error';

/** The most rows one `_changes` page returns, whatever `limit` asks (the client continues from `last_seq`). */
export const MAX_CHANGES_LIMIT = 1000;

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

/** Checks that `keys` is an array of strings. */
export function checkKeys(keys: unknown): string[] {
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    throw new HttpError(400, 'bad_request', 'keys must be an array of document ids');
  }
  return keys as string[];
}
