/** Authorization matrix: every route × role (none, customer, other customer, agent); allowed is allowed, the rest refused. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIORITIES } from '../../app/model/constants';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { couch, createDbWorld, type DbWorld, pushOk, storedTicket } from '../routes/db-test-helpers';
import { TEST_PASSWORD } from '../test-support/test-app';

type Role = 'none' | 'customer' | 'other customer' | 'agent';
const ROLES: Role[] = ['none', 'customer', 'other customer', 'agent'];
const EMAIL: Record<Exclude<Role, 'none'>, string> = {
  customer: 'ada@example.com',
  'other customer': 'grace@example.com',
  agent: 'sam@example.com',
};

let world: DbWorld;
let server: Server;
let base: string;
const cookies = new Map<Role, string>();
let ticket: TicketDoc;
let publicMessageId: string;
let internalNoteId: string;

/** One call as `role`: answers 'allowed' or 'refused <why>'. */
type Probe = (role: Role) => Promise<string>;

async function call(role: Role, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const cookie = cookies.get(role);
  if (cookie) headers.cookie = cookie;
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

/** The event stream: allowed when it opens as text/event-stream. */
const streams: Probe = async (role) => {
  const controller = new AbortController();
  const res = await fetch(`${base}/db/tickets/_changes?feed=eventsource&since=0&heartbeat=1000`, {
    headers: cookies.has(role) ? { cookie: cookies.get(role)! } : {},
    signal: controller.signal,
  });
  const opened = res.ok && String(res.headers.get('content-type')).startsWith('text/event-stream');
  controller.abort();
  return opened ? 'allowed' : `refused ${res.status}`;
};

const keys = () => JSON.stringify([ticket.id]);
const ROUTES: Array<{ route: string; allowed: Role[]; probe: Probe }> = [
  { route: 'GET /api/session', allowed: ['customer', 'other customer', 'agent'], probe: byStatus('GET', '/api/session') },
  { route: 'GET /api/portal', allowed: ROLES, probe: byStatus('GET', '/api/portal') },
  { route: 'GET /manifest.webmanifest', allowed: ROLES, probe: byStatus('GET', '/manifest.webmanifest') },
  { route: 'GET /api/agents', allowed: ['agent'], probe: byStatus('GET', '/api/agents') },
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
    route: 'POST _bulk_docs: an internal note',
    allowed: ['agent'],
    probe: async (role) => {
      const author = role === 'agent' ? world.sam.user : role === 'other customer' ? world.grace.user : world.ada.user;
      const note = aMessage(ticket, author, { id: newId(), visibility: 'internal', createdAt: Date.now() });
      return writes('messages', () => couch(note))(role);
    },
  },
];

beforeAll(async () => {
  world = await createDbWorld();
  ticket = aTicket(world.ada.user, { id: newId() });
  await pushOk(world.ada, 'tickets', couch(ticket));
  publicMessageId = newId();
  await pushOk(world.ada, 'messages', couch(aMessage(ticket, world.ada.user, { id: publicMessageId })));
  internalNoteId = newId();
  await pushOk(world.sam, 'messages', couch(aMessage(ticket, world.sam.user, { id: internalNoteId, visibility: 'internal' })));
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
