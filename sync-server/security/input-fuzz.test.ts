/** Property-based tests: generated hostile input at every /api and /db route answers 4xx JSON (never 5xx), stores nothing. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { SessionUser } from '../../app/model/user';
import { BODY_LIMIT_BYTES } from '../middleware/json-body';
import { MAX_ALL_DOCS_KEYS, MAX_BULK_DOCS } from '../routes/db-query';
import { couch, pushOk } from '../routes/db-test-helpers';
import type { Database } from '../services/storage';
import { createTestApp, type TestAgent, type TestApp } from '../test-support/test-app';
import { sha256Of } from '../routes/attachment-test-helpers';
import { bodyText, countPastBound, encode, oddString, queryText, uploadBody, uploadFact } from './fuzz-inputs';

const RUNS = Number(process.env.HARBOR_FUZZ_RUNS ?? 60);
const ROUTES = [
  '/api/session',
  '/api/portal',
  '/api/agents',
  '/api/customers',
  '/api/customers/x/invitation',
  '/api/password-reset',
  '/api/password-reset/confirm',
  '/api/invitation/accept',
  '/api/me',
  '/api/me/password',
  '/api/me/sessions',
  '/db/tickets/_changes',
  '/db/messages/_changes',
  '/db/tickets/_all_docs',
  '/db/messages/_all_docs',
  '/db/tickets/_bulk_docs',
  '/db/messages/_bulk_docs',
  '/db/deliveries/_changes',
  '/db/deliveries/_all_docs',
  '/db/deliveries/_bulk_docs',
  '/db/tickets',
  '/db/other/_changes',
  '/db/tickets/_design/x',
  '/api/attachments/x',
  '/api/attachments/',
  '/api/attachments/x/y',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

let t: TestApp;
let customer: TestAgent;
let agent: TestAgent;
let adaUser: SessionUser;
let ticketId: string;

async function snapshot(): Promise<string> {
  const read = async (db: Database) => (await db.allDocs({ includeDocs: true })).map((r) => ('doc' in r ? r.doc : null));
  return JSON.stringify([await read(t.storage.tickets), await read(t.storage.messages), await read(t.storage.attachments), await read(t.storage.deliveries)]);
}

function expectJsonRefusal(res: { status: number; body: unknown; headers: Record<string, string> }, what: string): void {
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    expect(String(res.headers['content-type']), `${what} -> ${res.status}`).toMatch(/application\/json/);
    expect(res.body, what).toEqual({ error: expect.any(String), reason: expect.any(String) });
  }
}

beforeAll(async () => {
  t = await createTestApp({ longpollTimeoutMs: 100, signinLimitPerAddress: 100_000, signinLimitPerAccount: 100_000 });
  const ada = await t.signIn({ role: 'customer', email: 'ada@example.com' });
  customer = ada.agent;
  adaUser = ada.user;
  agent = (await t.signIn({ role: 'agent', email: 'sam@example.com' })).agent;
  const ticket = aTicket(ada.user, { id: newId() });
  ticketId = ticket.id;
  await pushOk({ user: ada.user, http: customer }, 'tickets', couch(ticket));
  await pushOk({ user: ada.user, http: customer }, 'messages', couch(aMessage(ticket, ada.user, { id: newId() })));
});

afterAll(async () => {
  await t?.close();
});

describe('hostile input', () => {
  it('any method, route, query and body: never a 5xx, a JSON error for every 4xx, nothing stored', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.constantFrom(...ROUTES),
        queryText,
        bodyText,
        fc.constantFrom('customer', 'agent', 'none'),
        async (method, route, query, body, who) => {
          // Signing out would end the shared sessions; it is covered below with its own agent.
          if ((route === '/api/session' || route === '/api/me/sessions') && method === 'DELETE') return;
          // The agent's event stream never ends by design; customers get a 403 for it.
          const as = who === 'customer' ? customer : who === 'agent' && !query.includes('eventsource') ? agent : t.agent();
          const res = await as[method.toLowerCase() as 'get'](route + query).set('content-type', 'application/json').timeout(5000).send(body);
          expectJsonRefusal(res, `${method} ${route}${query.slice(0, 200)} as ${who}`);
          if (route === '/api/session' && method === 'POST') expect(res.status, 'a hostile sign-in never succeeds').not.toBe(200);
          if (route === '/api/me/password' && method === 'POST') expect(res.status, 'a hostile password change never succeeds').not.toBe(200);
          if (route.endsWith('/confirm') || route.endsWith('/accept')) expect(res.status, 'a made-up link never signs in').not.toBe(200);
        },
      ),
      { numRuns: RUNS * 4 },
    );
    expect(await snapshot()).toBe(before);
  }, 120_000);

  it.each(['/db/tickets/_bulk_docs', '/db/messages/_bulk_docs', '/db/tickets/_all_docs', '/api/session'])(
    'a body past the size limit at %s is a 413 JSON error',
    async (route) => {
      const res = await customer.post(route).set('content-type', 'application/json').send(`{"docs":["${'x'.repeat(BODY_LIMIT_BYTES + 10)}"]}`);
      expectJsonRefusal(res, route);
      expect(res.status).toBe(413);
    },
  );

  it('documents of generated shape pushed as a customer and as an agent are refused row by row or whole', async () => {
    const before = await snapshot();
    const { hostileJson } = await import('./fuzz-inputs');
    await fc.assert(
      fc.asyncProperty(fc.array(hostileJson, { maxLength: 5 }), fc.boolean(), fc.constantFrom('tickets', 'messages'), async (docs, asAgent, c) => {
        const res = await (asAgent ? agent : customer).post(`/db/${c}/_bulk_docs`).send({ docs });
        expectJsonRefusal(res, JSON.stringify(docs).slice(0, 200));
        if (res.status === 201) for (const row of res.body as Array<{ ok?: boolean }>) expect(row.ok).not.toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toBe(before);
  });

  it('arrays past the per-request bounds: a JSON 413 whole, none of their documents stored, as any role', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('_bulk_docs', 'POST _all_docs', 'GET _all_docs'),
        countPastBound,
        fc.boolean(),
        fc.array(oddString, { minLength: 1, maxLength: 3 }),
        async (route, over, asAgent, keyParts) => {
          const as = asAgent ? agent : customer;
          let res;
          if (route === '_bulk_docs') {
            // Valid documents: were any stored, the request would have been cut, not refused whole.
            const docs = Array.from({ length: MAX_BULK_DOCS + over }, () => couch(aTicket(adaUser, { id: newId() })));
            res = await as.post(`/db/${asAgent ? 'messages' : 'tickets'}/_bulk_docs`).send({ docs });
          } else {
            const keys = Array.from({ length: MAX_ALL_DOCS_KEYS + over }, (_, i) => (route === 'GET _all_docs' ? String(i % 10) : keyParts[i % keyParts.length]!));
            res = route === 'GET _all_docs'
              ? await as.get(`/db/tickets/_all_docs?include_docs=true&keys=${encodeURIComponent(JSON.stringify(keys))}`)
              : await as.post('/db/messages/_all_docs').send({ keys, include_docs: true });
          }
          expectJsonRefusal(res, `${route} with ${over} past the bound`);
          expect(res.status).toBe(413);
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(await snapshot()).toBe(before);
  });

  it('uploads of generated ids, facts and bodies, as any role: a JSON 4xx each (the hash is never right), nothing stored', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(uploadFact, uploadFact, uploadFact, uploadFact, uploadFact),
        fc.option(oddString, { nil: undefined }),
        uploadBody,
        fc.constantFrom('customer', 'agent', 'none'),
        async ([id, ticket, name, size, visibility], type, body, who) => {
          const as = who === 'customer' ? customer : who === 'agent' ? agent : t.agent();
          const right = { id: newId(), ticketId, name: 'file.bin', size: String(body.length), visibility: 'public' };
          const pick = (fact: string | undefined, key: keyof typeof right) => (fact === 'right' ? right[key] : fact);
          const facts = { ticketId: pick(ticket, 'ticketId'), name: pick(name, 'name'), size: pick(size, 'size'), visibility: pick(visibility, 'visibility') };
          const query = Object.entries({ ...facts, sha256: sha256Of(Buffer.concat([body, Buffer.from('!')] as Uint8Array[])) })
            .flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${encode(value)}`]))
            .join('&');
          const path = `/api/attachments/${encode(pick(id, 'id') ?? '')}?${query}`;
          const req = as.put(path).timeout(5000);
          const res = await (type === undefined ? req : req.set('content-type', type.replace(/[^\x20-\x7e]/g, ''))).send(body);
          expectJsonRefusal(res, `PUT ${path.slice(0, 200)} as ${who}`);
          expect(res.status, path.slice(0, 200)).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    expect(await snapshot()).toBe(before);
  }, 120_000);

  it('signing out with a hostile body still answers 204 and the server keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, async (body) => {
        const res = await t.agent().delete('/api/session').set('content-type', 'application/json').send(body);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
    expect((await customer.get('/api/session')).status).toBe(200);
  });
});
