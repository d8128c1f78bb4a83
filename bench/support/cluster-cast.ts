// The people of a cluster bench: customers with one ticket each and the agent, seeded through storage, signed in spread over the servers.
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { Storage } from '../../sync-server/services/storage';
import { signInClient } from './couch-client';
import { BENCH_PASSWORD, bulkWrite, writeUsers } from './harbor-server';
import { benchAgent, benchCustomer, type BenchCustomer } from './seed-data';

/** A customer of the run with the ticket its messages go to. */
export interface CastMember {
  customer: BenchCustomer;
  ticket: TicketDoc;
}

/** A member signed in: its session cookie works on every server of the cluster. */
export interface SignedMember extends CastMember {
  cookie: string;
}

/** `count` customers, each with one numbered ticket. */
export function castOf(count: number): CastMember[] {
  return Array.from({ length: count }, (_, i) => {
    const customer = benchCustomer(i);
    return { customer, ticket: aTicket(customer, { id: newId(), number: i + 1 }) };
  });
}

/** Writes the agent, the cast's accounts (one cheap shared hash) and their tickets straight into `storage`. */
export async function seedCast(storage: Storage, cast: readonly CastMember[]): Promise<void> {
  await writeUsers(storage, [benchAgent, ...cast.map((m) => m.customer)]);
  await bulkWrite(storage.tickets, cast.map(({ ticket: { id, ...fields } }) => ({ _id: id, ...fields })));
}

/** Signs every member in, member i through `urls[i % urls.length]`, 50 at a time. */
export async function signInCast(cast: readonly CastMember[], urls: readonly string[]): Promise<SignedMember[]> {
  const signed: SignedMember[] = [];
  for (let i = 0; i < cast.length; i += 50) {
    const batch = cast.slice(i, i + 50);
    const clients = await Promise.all(batch.map((m, k) => signInClient(urls[(i + k) % urls.length]!, m.customer.email, BENCH_PASSWORD)));
    signed.push(...batch.map((m, k) => ({ ...m, cookie: clients[k]!.cookie })));
  }
  return signed;
}

/** A new message of `member` on its ticket, in the form a device pushes (`_id`). */
export function newMessage(member: CastMember, body: string): Record<string, unknown> {
  const { id, ...fields } = aMessage(member.ticket, member.customer, { id: newId(), body, createdAt: Date.now() });
  return { _id: id, ...fields };
}
