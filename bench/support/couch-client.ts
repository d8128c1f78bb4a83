// A plain HTTP client speaking the replication subset RxDB's replicateCouchDB uses (ARCHITECTURE.md "The wire"), with a session cookie.

/** A seq as the server writes it: a number from the embedded server, an opaque string (`{epoch}-{n}`) from a cluster. Passed back as given, never parsed. */
export type WireSeq = number | string;

/** One row of a `_changes` answer. */
export interface ChangeRow {
  seq: WireSeq;
  id: string;
  doc?: Record<string, unknown>;
}

/** A `_changes` answer. */
export interface ChangesAnswer {
  results: ChangeRow[];
  last_seq: WireSeq;
}

/** A signed-in HTTP client of our server. */
export interface CouchClient {
  cookie: string;
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

// Node's global fetch pools connections without a per-origin cap, so hundreds of longpolls can be open at once.
const send = (url: string, init: RequestInit): Promise<Response> => fetch(url, init);

/** Signs in as `email` with `POST /api/session` and returns a client carrying the session cookie. */
export async function signInClient(baseUrl: string, email: string, password: string): Promise<CouchClient> {
  const res = await send(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  await res.arrayBuffer();
  return clientFor(baseUrl, cookie);
}

/** A client of `baseUrl` carrying an existing session `cookie` (another device, or another server of a cluster). */
export function clientFor(baseUrl: string, cookie: string): CouchClient {
  const call = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    const r = await send(`${baseUrl}${path}`, {
      method,
      signal,
      headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  };
  return {
    cookie,
    get: (path, signal) => call('GET', path, undefined, signal),
    post: (path, body) => call('POST', path, body),
  };
}

/** The pull URL RxDB sends (feed normal or longpoll). */
export function changesPath(collection: string, since: WireSeq | 'now', limit: number, feed: 'normal' | 'longpoll'): string {
  return `/db/${collection}/_changes?style=all_docs&feed=${feed}&include_docs=true&since=${since}&heartbeat=60000&limit=${limit}&seq_interval=${limit}`;
}

/** Pulls `collection` from `since` to the end in pages of `limit` (RxDB's pull batch); hands each page to `store`. */
export async function pullAll(
  client: CouchClient,
  collection: string,
  since: WireSeq,
  limit: number,
  store: (rows: ChangeRow[]) => Promise<void>,
): Promise<{ lastSeq: WireSeq; docs: number }> {
  let seq = since;
  let docs = 0;
  for (;;) {
    const page = await client.get<ChangesAnswer>(changesPath(collection, seq, limit, 'normal'));
    if (page.results.length) await store(page.results);
    docs += page.results.length;
    seq = page.last_seq;
    if (page.results.length < limit) return { lastSeq: seq, docs };
  }
}

/** RxDB's push of new documents: `POST _all_docs` for the server's revisions, then `POST _bulk_docs`. */
export async function pushDocs(client: CouchClient, collection: string, docs: Array<Record<string, unknown>>): Promise<void> {
  await client.post(`/db/${collection}/_all_docs`, { keys: docs.map((d) => d._id), include_docs: true, deleted: 'ok' });
  const rows = await client.post<Array<{ ok?: boolean; error?: string; id: string }>>(`/db/${collection}/_bulk_docs`, { docs });
  const bad = rows.find((r) => !r.ok);
  if (bad) throw new Error(`push refused: ${JSON.stringify(bad)}`);
}

/**
 * A live device: one longpoll per collection, re-armed on each answer (RxDB's live pull). `onChange` gets every
 * row as it arrives. `stop()` aborts the open requests.
 */
export function liveDevice(
  client: CouchClient,
  collections: readonly string[],
  onChange: (collection: string, row: ChangeRow) => void,
  onError: (error: unknown) => void,
): { stop(): void; ready: Promise<void> } {
  const controller = new AbortController();
  let armed = 0;
  let markReady: () => void;
  const ready = new Promise<void>((ok) => (markReady = ok));
  const loop = async (collection: string) => {
    // RxDB starts live with since=now after its first full pull.
    let since: WireSeq | 'now' = (await client.get<ChangesAnswer>(changesPath(collection, 'now', 1, 'normal'), controller.signal)).last_seq;
    if (++armed === collections.length) markReady();
    while (!controller.signal.aborted) {
      const page: ChangesAnswer = await client.get<ChangesAnswer>(changesPath(collection, since, 100, 'longpoll'), controller.signal);
      for (const row of page.results) onChange(collection, row);
      since = page.last_seq;
    }
  };
  for (const c of collections) {
    loop(c).catch((error: unknown) => {
      if (!controller.signal.aborted) onError(error);
    });
  }
  return { ready, stop: () => controller.abort() };
}
