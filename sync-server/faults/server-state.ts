/** Reads everything the server holds through the replication endpoint, signed in as an agent (who sees all). */
import { createHash } from 'node:crypto';

/** Tickets and messages by id, as the server stores them. */
export interface ServerState {
  tickets: Map<string, { customerId: string; number: number | null; status: string }>;
  messages: Map<string, { customerId: string; body: string }>;
}

/** Signs in over HTTP; returns the user and the session cookie. */
export async function signInOver(baseUrl: string, email: string, password: string): Promise<{ user: unknown; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return { user: ((await res.json()) as { user: unknown }).user, cookie };
}

async function readAll(baseUrl: string, cookie: string, collection: string): Promise<Array<Record<string, unknown>>> {
  const docs: Array<Record<string, unknown>> = [];
  let since = 0;
  for (;;) {
    const res = await fetch(`${baseUrl}/db/${collection}/_changes?feed=normal&include_docs=true&since=${since}&limit=1000`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`_changes answered ${res.status}`);
    const body = (await res.json()) as { results: Array<{ doc?: Record<string, unknown> }>; last_seq: number };
    for (const row of body.results) if (row.doc && !row.doc._deleted) docs.push(row.doc);
    if (body.results.length === 0) return docs;
    since = body.last_seq;
  }
}

/** The whole server state as `email` (an agent) sees it. */
export async function readServerState(baseUrl: string, email: string, password: string): Promise<ServerState> {
  const { cookie } = await signInOver(baseUrl, email, password);
  const tickets = await readAll(baseUrl, cookie, 'tickets');
  const messages = await readAll(baseUrl, cookie, 'messages');
  return {
    tickets: new Map(tickets.map((t) => [String(t._id), { customerId: String(t.customerId), number: t.number as number | null, status: String(t.status) }])),
    messages: new Map(messages.map((m) => [String(m._id), { customerId: String(m.customerId), body: String(m.body) }])),
  };
}

/** The SHA-256 and size of each file's bytes as the server serves them to `email` (an agent); null when it has none. */
export async function readServedFiles(baseUrl: string, email: string, password: string, ids: readonly string[]): Promise<Map<string, { sha256: string; size: number } | null>> {
  const { cookie } = await signInOver(baseUrl, email, password);
  const served = new Map<string, { sha256: string; size: number } | null>();
  for (const id of ids) {
    const res = await fetch(`${baseUrl}/api/attachments/${id}`, { headers: { cookie } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    served.set(id, res.status === 200 ? { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length } : null);
  }
  return served;
}
