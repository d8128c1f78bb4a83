/** Authorization matrix: every route × role (none, customer, other customer, agent); allowed is allowed, the rest refused. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRIORITIES } from '../../app/model/constants';
import { aDelivery } from '../../app/model/delivery-fixtures';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { sha256Of, upload } from '../routes/attachment-test-helpers';
import { MAX_ALL_DOCS_KEYS, MAX_BULK_DOCS } from '../routes/db-query';
import { couch, createDbWorld, type DbWorld, pushOk, storedTicket } from '../routes/db-test-helpers';
import { feedHubFor } from '../services/feed-hub';
import { TEST_PASSWORD } from '../test-support/test-app';

type Role = 'none' | 'customer' | 'other customer' | 'agent';
const ROLES: Role[] = ['none', 'customer', 'other customer', 'agent'];
const EMAIL: Record<Exclude<Role, 'none'>, string> = {
  customer: 'ada@example.com',
  'other customer': 'grace@example.com',
  agent: 'sam@example.com',
};

/** Small limits, so that each role can meet them here: they hold for agents as for customers. */
const LIMITS = { feedLimitPerSession: 2, feedLimitPerUser: 4, writeLimitPerUser: 40, writeWindowMs: 600_000 };

let world: DbWorld;
let server: Server;
let base: string;
const cookies = new Map<Role, string>();
let ticket: TicketDoc;
let resolvedTicketId: string;
let publicMessageId: string;
let internalNoteId: string;
let customerFileId: string;
let internalFileId: string;
let deliveryId: string;

/** One call as `role`: answers 'allowed' or 'refused <why>'. */
type Probe = (role: Role) => Promise<string>;

function cookieOf(role: Role): Record<string, string> {
  const cookie = cookies.get(role);
  return cookie ? { cookie } : {};
}

async function call(role: Role, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...cookieOf(role) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(base + path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
}

/** A status check: 2xx is allowed, anything else refused with its status. */
const byStatus =
  (method: string, path: string, body?: () => unknown): Probe =>
  async (role) => {
    const res = await call(role, method, path, body?.());
    await res.body?.cancel();
    return res.ok ? 'allowed' : `refused ${res.status}`;
  };

/** A read: allowed when the answer carries document `id()`; a 200 without it is refused as 'hidden'. */
const sees =
  (method: string, path: string | (() => string), id: () => string, body?: () => unknown): Probe =>
  async (role) => {
    const res = await call(role, method, typeof path === 'string' ? path : path(), body?.());
    if (!res.ok) return `refused ${res.status}`;
    const text = await res.text();
    return text.includes(`"${id()}"`) && text.includes('"doc"') ? 'allowed' : 'refused hidden';
  };

/** A push of one document: allowed when its row is ok, else refused with the row's error or the status. */
const writes =
  (collection: 'tickets' | 'messages', doc: () => Promise<object> | object): Probe =>
  async (role) => {
    const res = await call(role, 'POST', `/db/${collection}/_bulk_docs`, { docs: [await doc()] });
    if (res.status !== 201) return `refused ${res.status}`;
    const [row] = (await res.json()) as Array<{ ok?: boolean; error?: string }>;
    return row?.ok ? 'allowed' : `refused ${row?.error}`;
  };

/** An upload of fresh bytes to the customer's ticket: allowed when it is stored (201). */
const uploads =
  (visibility: 'public' | 'internal'): Probe =>
  async (role) => {
    const text = newId();
    const bytes = Buffer.from(text);
    const query = new URLSearchParams({ ticketId: ticket.id, name: 'probe.txt', size: String(bytes.length), sha256: sha256Of(bytes), visibility });
    const res = await fetch(`${base}/api/attachments/${newId()}?${query}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain', ...cookieOf(role) },
      body: text,
    });
    await res.body?.cancel();
    return res.status === 201 ? 'allowed' : `refused ${res.status}`;
  };

/** A download: allowed when the answer is the attachment's bytes. */
const downloads =
  (id: () => string): Probe =>
  async (role) => {
    const res = await call(role, 'GET', `/api/attachments/${id()}`);
    const text = await res.text();
    return res.ok && text === id() ? 'allowed' : `refused ${res.status}`;
  };

/** The event stream: allowed when it opens as text/event-stream. */
const streams: Probe = async (role) => {
  const controller = new AbortController();
  const res = await fetch(`${base}/db/tickets/_changes?feed=eventsource&since=0&heartbeat=1000`, {
    headers: cookieOf(role),
    signal: controller.signal,
  });
  const opened = res.ok && String(res.headers.get('content-type')).startsWith('text/event-stream');
  controller.abort();
  return opened ? 'allowed' : `refused ${res.status}`;
};

/**
 * Longpolls one past the session's cap: allowed when the oldest is answered empty at once (the newest is never the
 * one refused). Held longpolls would answer only after 30 s.
 */
const longpollPastCap: Probe = async (role) => {
  const hub = feedHubFor(world.app.storage)!;
  const controllers: AbortController[] = [];
  const send = () => {
    const controller = new AbortController();
    controllers.push(controller);
    const answer = fetch(`${base}/db/tickets/_changes?feed=longpoll&since=now`, { headers: cookieOf(role), signal: controller.signal });
    let answered = false;
    void answer.finally(() => (answered = true)).catch(() => undefined);
    return { answer, answered: () => answered };
  };
  /** Sends a longpoll and waits until the server holds it or it was answered. */
  const open = async () => {
    const before = hub.openCount();
    const sent = send();
    await vi.waitFor(() => expect(hub.openCount() > before || sent.answered()).toBe(true));
    return sent;
  };
  try {
    const oldest = await open();
    if (oldest.answered()) return `refused ${(await oldest.answer).status}`;
    for (let i = 1; i < LIMITS.feedLimitPerSession; i++) await open();
    send();
    const body = (await (await oldest.answer).json()) as { results?: unknown[] };
    return body.results?.length === 0 ? 'allowed' : `refused ${JSON.stringify(body)}`;
  } finally {
    controllers.forEach((controller) => controller.abort());
    await vi.waitFor(() => expect(hub.openCount()).toBe(0));
  }
};

/** One batch of refused documents that spends the role's write limit, then a good write: refused 429 past it. */
const writeAfterLimitSpent =
  (doc: () => object): Probe =>
  async (role) => {
    const junk = Array.from({ length: LIMITS.writeLimitPerUser }, () => ({ _id: newId() }));
    const spent = await call(role, 'POST', '/db/messages/_bulk_docs', { docs: junk });
    await spent.body?.cancel();
    if (spent.status !== 201) return `refused ${spent.status}`;
    return writes('tickets', doc)(role);
  };

/** An invitation: sent (202), or past authorization to the mail check (409 `mail_off`: this world has mail off). */
const invites =
  (customerId: () => string): Probe =>
  async (role) => {
    const res = await call(role, 'POST', `/api/customers/${customerId()}/invitation`);
    const body = (await res.json()) as { error?: string };
    return res.status === 202 || body.error === 'mail_off' ? 'allowed' : `refused ${res.status}`;
  };

/** A public link route given a made-up token: reaching the link check (410 `link_invalid`) is all anyone may do. */
const checksLink =
  (path: string): Probe =>
  async (role) => {
    const res = await call(role, 'POST', path, { token: 'made-up-token', password: 'long-enough-password' });
    const body = (await res.json()) as { error?: string };
    return res.status === 410 && body.error === 'link_invalid' ? 'allowed' : `refused ${res.status}`;
  };

/** Settings' password change with a wrong current password: reaching that check (403 `wrong_password`) is what a session may do. */
const checksCurrentPassword: Probe = async (role) => {
  const res = await call(role, 'POST', '/api/me/password', { currentPassword: 'not-the-password', newPassword: 'long-enough-password' });
  const body = (await res.json()) as { error?: string };
  return res.status === 403 && body.error === 'wrong_password' ? 'allowed' : `refused ${res.status}`;
};

/** `count` one-character keys (repeats are allowed), so that even in a GET's query they stay under Node's 16 KB. */
const manyKeys = (count: number) => Array.from({ length: count }, (_, i) => String(i % 10));
const keys = () => JSON.stringify([ticket.id]);
const ROUTES: Array<{ route: string; allowed: Role[]; probe: Probe }> = [
  { route: 'GET /api/session', allowed: ['customer', 'other customer', 'agent'], probe: byStatus('GET', '/api/session') },
  { route: 'GET /api/portal', allowed: ROLES, probe: byStatus('GET', '/api/portal') },
  { route: 'GET /manifest.webmanifest', allowed: ROLES, probe: byStatus('GET', '/manifest.webmanifest') },
  { route: 'GET /api/agents', allowed: ['agent'], probe: byStatus('GET', '/api/agents') },
  { route: 'GET /api/customers', allowed: ['agent'], probe: byStatus('GET', '/api/customers?q=a&limit=5') },
  { route: 'POST /api/customers', allowed: ['agent'], probe: byStatus('POST', '/api/customers', () => ({ name: 'New Customer', email: `new-${newId()}@example.com` })) },
  { route: 'POST /api/customers/:id/invitation', allowed: ['agent'], probe: invites(() => world.ada.user.id) },
  { route: 'POST /api/password-reset', allowed: ROLES, probe: byStatus('POST', '/api/password-reset', () => ({ email: 'ada@example.com' })) },
  { route: 'POST /api/password-reset/confirm', allowed: ROLES, probe: checksLink('/api/password-reset/confirm') },
  { route: 'POST /api/invitation/accept', allowed: ROLES, probe: checksLink('/api/invitation/accept') },
  { route: 'GET /api/me', allowed: ['customer', 'other customer', 'agent'], probe: byStatus('GET', '/api/me') },
  { route: 'PATCH /api/me', allowed: ['customer', 'other customer', 'agent'], probe: byStatus('PATCH', '/api/me', () => ({ emailOnAgentReply: true })) },
  { route: 'POST /api/me/password', allowed: ['customer', 'other customer', 'agent'], probe: checksCurrentPassword },
  {
    route: "GET _changes: the customer's ticket",
    allowed: ['customer', 'agent'],
    probe: sees('GET', '/db/tickets/_changes?feed=normal&include_docs=true&since=0', () => ticket.id),
  },
  {
    route: "POST _changes: the customer's ticket",
    allowed: ['customer', 'agent'],
    probe: sees('POST', '/db/tickets/_changes?feed=normal&include_docs=true&since=0', () => ticket.id, () => ({})),
  },
  {
    route: "GET _all_docs?keys: the customer's ticket",
    allowed: ['customer', 'agent'],
    probe: sees('GET', () => `/db/tickets/_all_docs?include_docs=true&keys=${encodeURIComponent(keys())}`, () => ticket.id),
  },
  {
    route: "POST _all_docs: the customer's ticket",
    allowed: ['customer', 'agent'],
    probe: sees('POST', '/db/tickets/_all_docs', () => ticket.id, () => ({ keys: [ticket.id], include_docs: true })),
  },
  {
    route: "GET _changes: the customer's public message",
    allowed: ['customer', 'agent'],
    probe: sees('GET', '/db/messages/_changes?feed=normal&include_docs=true&since=0', () => publicMessageId),
  },
  {
    route: 'GET _changes: an internal note',
    allowed: ['agent'],
    probe: sees('GET', '/db/messages/_changes?feed=normal&include_docs=true&since=0', () => internalNoteId),
  },
  { route: 'GET _changes feed=eventsource', allowed: ['agent'], probe: streams },
  {
    route: "GET _changes: an email's delivery state",
    allowed: ['agent'],
    probe: sees('GET', '/db/deliveries/_changes?feed=normal&include_docs=true&since=0', () => deliveryId),
  },
  {
    route: "GET _all_docs?keys: an email's delivery state",
    allowed: ['agent'],
    probe: sees('GET', () => `/db/deliveries/_all_docs?include_docs=true&keys=${encodeURIComponent(JSON.stringify([deliveryId]))}`, () => deliveryId),
  },
  {
    route: "POST _all_docs: an email's delivery state",
    allowed: ['agent'],
    probe: sees('POST', '/db/deliveries/_all_docs', () => deliveryId, () => ({ keys: [deliveryId], include_docs: true })),
  },
  {
    route: "POST _bulk_docs: an email's delivery state (only the server writes it)",
    allowed: [],
    probe: byStatus('POST', '/db/deliveries/_bulk_docs', () => ({ docs: [couch(aDelivery({ id: newId(), ticketId: ticket.id }, { state: 'sent' }))] })),
  },
  {
    route: "POST _bulk_docs: a new ticket for the customer",
    allowed: ['customer', 'agent'],
    probe: writes('tickets', () => couch(aTicket(world.ada.user, { id: newId() }))),
  },
  {
    route: "POST _bulk_docs: a reply on the customer's ticket",
    allowed: ['customer', 'agent'],
    probe: async (role) => {
      const author = role === 'agent' ? world.sam.user : role === 'other customer' ? world.grace.user : world.ada.user;
      return writes('messages', () => couch(aMessage(ticket, author, { id: newId(), createdAt: Date.now() })))(role);
    },
  },
  {
    route: "POST _bulk_docs: change the ticket's priority",
    allowed: ['agent'],
    probe: writes('tickets', async () => {
      const stored = await world.app.storage.tickets.get(ticket.id);
      const current = await storedTicket(world, ticket.id);
      const priority = PRIORITIES.find((p) => p !== current.priority)!;
      return couch({ ...current, priority }, stored._rev);
    }),
  },
  {
    route: "POST _bulk_docs: rate the customer's resolved ticket",
    allowed: ['customer'],
    probe: writes('tickets', async () => {
      const stored = await world.app.storage.tickets.get(resolvedTicketId);
      const current = await storedTicket(world, resolvedTicketId);
      const value = current.rating?.value === 'good' ? 'bad' : 'good';
      return couch({ ...current, rating: { value, comment: '', ratedAt: Date.now() } }, stored._rev);
    }),
  },
  {
    route: 'POST _bulk_docs: an internal note',
    allowed: ['agent'],
    probe: async (role) => {
      const author = role === 'agent' ? world.sam.user : role === 'other customer' ? world.grace.user : world.ada.user;
      const note = aMessage(ticket, author, { id: newId(), visibility: 'internal', createdAt: Date.now() });
      return writes('messages', () => couch(note))(role);
    },
  },
  {
    // A message may name only its writer's own uploads: the file is the customer's, so only she may name it.
    route: "POST _bulk_docs: a message naming the customer's file (anyone else's: another's file)",
    allowed: ['customer'],
    probe: async (role) => {
      const author = role === 'agent' ? world.sam.user : role === 'other customer' ? world.grace.user : world.ada.user;
      const bytes = Buffer.from(customerFileId);
      const file = { id: customerFileId, name: 'file.bin', type: 'application/octet-stream', size: bytes.length, sha256: sha256Of(bytes) };
      return writes('messages', () => couch(aMessage(ticket, author, { id: newId(), createdAt: Date.now(), attachments: [file] })))(role);
    },
  },
  { route: "PUT /api/attachments: a file on the customer's ticket", allowed: ['customer', 'agent'], probe: uploads('public') },
  { route: 'PUT /api/attachments: a file for an internal note', allowed: ['agent'], probe: uploads('internal') },
  { route: "GET /api/attachments: the customer's file", allowed: ['customer', 'agent'], probe: downloads(() => customerFileId) },
  { route: "GET /api/attachments: an agent's file for an internal note", allowed: ['agent'], probe: downloads(() => internalFileId) },
  {
    route: `GET _changes?limit=1000000: clamped, not refused`,
    allowed: ['customer', 'agent'],
    probe: sees('GET', '/db/tickets/_changes?feed=normal&include_docs=true&since=0&limit=1000000', () => ticket.id),
  },
  {
    route: `GET _changes feed=longpoll, one past the session's ${LIMITS.feedLimitPerSession}: its oldest ends`,
    allowed: ['customer', 'other customer', 'agent'],
    probe: longpollPastCap,
  },
  {
    route: `POST _all_docs: ${MAX_ALL_DOCS_KEYS + 1} keys`,
    allowed: [],
    probe: byStatus('POST', '/db/tickets/_all_docs', () => ({ keys: manyKeys(MAX_ALL_DOCS_KEYS + 1), include_docs: true })),
  },
  {
    route: `GET _all_docs?keys: ${MAX_ALL_DOCS_KEYS + 1} keys`,
    allowed: [],
    probe: byStatus('GET', `/db/tickets/_all_docs?include_docs=true&keys=${encodeURIComponent(JSON.stringify(manyKeys(MAX_ALL_DOCS_KEYS + 1)))}`),
  },
  {
    route: `POST _bulk_docs: ${MAX_BULK_DOCS + 1} new tickets for the customer`,
    allowed: [],
    probe: byStatus('POST', '/db/tickets/_bulk_docs', () => ({ docs: Array.from({ length: MAX_BULK_DOCS + 1 }, () => couch(aTicket(world.ada.user, { id: newId() }))) })),
  },
  // Last: it spends each role's write limit for the rest of the run.
  {
    route: `POST _bulk_docs: a new ticket once the user sent ${LIMITS.writeLimitPerUser} documents`,
    allowed: [],
    probe: writeAfterLimitSpent(() => couch(aTicket(world.ada.user, { id: newId() }))),
  },
];

beforeAll(async () => {
  world = await createDbWorld(30_000, LIMITS);
  ticket = aTicket(world.ada.user, { id: newId() });
  await pushOk(world.ada, 'tickets', couch(ticket));
  const resolved = aTicket(world.ada.user, { id: newId() });
  const resolvedRev = await pushOk(world.ada, 'tickets', couch(resolved));
  await pushOk(world.sam, 'tickets', couch({ ...(await storedTicket(world, resolved.id)), status: 'resolved', statusChangedAt: 2_000 }, resolvedRev));
  resolvedTicketId = resolved.id;
  publicMessageId = newId();
  await pushOk(world.ada, 'messages', couch(aMessage(ticket, world.ada.user, { id: publicMessageId })));
  // What the server's outbound mail would record for an agent's email reply.
  deliveryId = newId();
  await world.app.storage.deliveries.put(couch(aDelivery({ id: deliveryId, ticketId: ticket.id }, { state: 'sent', attempts: 1 })) as { _id: string });
  internalNoteId = newId();
  await pushOk(world.sam, 'messages', couch(aMessage(ticket, world.sam.user, { id: internalNoteId, visibility: 'internal' })));
  // Each file's bytes are its id, so a download shows which file it brought.
  customerFileId = newId();
  expect((await upload(world.ada, { id: customerFileId, ticketId: ticket.id, bytes: Buffer.from(customerFileId) })).status).toBe(201);
  internalFileId = newId();
  const internal = { id: internalFileId, ticketId: ticket.id, bytes: Buffer.from(internalFileId), visibility: 'internal' as const };
  expect((await upload(world.sam, internal)).status).toBe(201);
  server = await new Promise<Server>((ok) => {
    const s = world.app.app.listen(0, '127.0.0.1', () => ok(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const role of ROLES) {
    if (role === 'none') continue;
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL[role], password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    cookies.set(role, res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
  }
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((ok) => server?.close(ok));
  await world?.app.close();
});

describe('authorization matrix', () => {
  it('allows exactly what each role may do, refuses the rest, and prints the table', async () => {
    const rows: Array<Record<string, string>> = [];
    const wrong: string[] = [];
    for (const { route, allowed, probe } of ROUTES) {
      const row: Record<string, string> = { route };
      for (const role of ROLES) {
        const outcome = await probe(role);
        row[role] = outcome;
        const expected = allowed.includes(role);
        if (expected !== (outcome === 'allowed')) wrong.push(`${route} as ${role}: ${outcome}, expected ${expected ? 'allowed' : 'refused'}`);
        // Signed out is always refused by the session check itself, never by a later step.
        if (role === 'none' && !expected) expect(outcome, route).toBe('refused 401');
      }
      rows.push(row);
    }
    process.stdout.write(`\n${formatTable(rows)}\n`);
    expect(wrong).toEqual([]);
  });
});

function formatTable(rows: Array<Record<string, string>>): string {
  const columns = ['route', ...ROLES];
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(width[i]!)).join(' | ')} |`;
  return [line(columns), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n');
}
