/** Helpers for the `/db` tests: an app with two customers and an agent, and CouchDB-form pushes and pulls. */
import { expect } from 'vitest';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import type { ServerConfig } from '../config';
import { createTestApp, type TestAgent, type TestApp } from '../test-support/test-app';

/** A signed-in person: their user and a cookie-carrying supertest agent. */
export interface Person {
  user: SessionUser;
  http: TestAgent;
}

/** The app and its people. */
export interface DbWorld {
  app: TestApp;
  ada: Person;
  grace: Person;
  sam: Person;
}

/** An app with customers Ada and Grace and agent Sam, longpolls bounded by `longpollTimeoutMs`. */
export async function createDbWorld(longpollTimeoutMs = 300, overrides: Partial<ServerConfig> = {}): Promise<DbWorld> {
  const app = await createTestApp({ longpollTimeoutMs, ...overrides });
  const sign = async (role: 'customer' | 'agent', email: string, name: string): Promise<Person> => {
    const { user, agent } = await app.signIn({ role, email, name });
    return { user, http: agent };
  };
  const [ada, grace, sam] = await Promise.all([
    sign('customer', 'ada@example.com', 'Ada Lovelace'),
    sign('customer', 'grace@example.com', 'Grace Hopper'),
    sign('agent', 'sam@example.com', 'Sam Rivera'),
  ]);
  return { app, ada: ada!, grace: grace!, sam: sam! };
}

/** A model document in CouchDB form (`_id` instead of `id`), optionally based on revision `rev`. */
export function couch<T extends { id: string }>(doc: T, rev?: string): Record<string, unknown> {
  const { id, ...fields } = doc;
  return { _id: id, ...fields, ...(rev && { _rev: rev }) };
}

/** `POST _bulk_docs`; returns the per-document answers (throws on a non-201 status). */
export async function push(
  person: Person,
  collection: 'tickets' | 'messages',
  docs: object[],
): Promise<Array<Record<string, unknown>>> {
  const res = await person.http.post(`/db/${collection}/_bulk_docs`).send({ docs });
  if (res.status !== 201) throw new Error(`_bulk_docs answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Array<Record<string, unknown>>;
}

/** Pushes one document and returns its new revision (throws when it was refused). */
export async function pushOk(person: Person, collection: 'tickets' | 'messages', doc: object): Promise<string> {
  const [row] = await push(person, collection, [doc]);
  if (!row?.ok) throw new Error(`refused: ${JSON.stringify(row)}`);
  return row.rev as string;
}

/** A `_changes` answer. */
export interface ChangesBody {
  results: Array<{ seq: number; id: string; doc?: Record<string, unknown>; deleted?: boolean }>;
  last_seq: number | string;
}

/** `GET _changes` as RxDB's pull does it (feed=normal, include_docs, limit); `extra` query text is appended. */
export async function pull(
  person: Person,
  collection: 'tickets' | 'messages',
  since: number | string = 0,
  extra = '',
  limit = 100,
): Promise<ChangesBody> {
  const res = await person.http.get(
    `/db/${collection}/_changes?style=all_docs&feed=normal&include_docs=true&since=${since}&heartbeat=60000&limit=${limit}&seq_interval=${limit}${extra}`,
  );
  if (res.status !== 200) throw new Error(`_changes answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ChangesBody;
}

/** The ids a `_changes` answer carries. */
export function idsOf(body: ChangesBody): string[] {
  return body.results.map((row) => row.id);
}

/** Reads a stored ticket back in model form. */
export async function storedTicket(world: DbWorld, id: string): Promise<TicketDoc> {
  const { _id, _rev: _ignored, ...fields } = (await world.app.storage.tickets.get(id)) as unknown as Record<string, unknown>;
  return { ...fields, id: _id } as TicketDoc;
}

/** Creates a ticket as Ada; returns the stored ticket (number and customerName stamped) and its revision. */
export async function createAdaTicket(world: DbWorld, overrides: Partial<TicketDoc> = {}): Promise<{ ticket: TicketDoc; rev: string }> {
  const ticket = aTicket(world.ada.user, { id: newId(), ...overrides });
  const rev = await pushOk(world.ada, 'tickets', couch(ticket));
  return { ticket: await storedTicket(world, ticket.id), rev };
}

/** Expects a refused `_bulk_docs` row with `error` and a reason containing `reason`. */
export function expectRefused(row: Record<string, unknown> | undefined, error: string, reason: string): void {
  expect(row).toMatchObject({ error });
  expect(String(row?.reason)).toContain(reason);
}
