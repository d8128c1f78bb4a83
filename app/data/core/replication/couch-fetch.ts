/**
 * The `fetch` given to replicateCouchDB: sends through the device's HTTP client (which holds a request after a
 * 401 until sign-in and reports the network), and reads every `_bulk_docs` answer. RxDB throws `SNH` for a row that is neither ok nor a conflict,
 * which would fail the whole batch and retry it forever; so a refused row is recorded as failed in the outbox
 * with the server's reason and handed to RxDB as ok. It is not retried until the user asks (retryMessage).
 * A live longpoll that asks for `since=now` is sent from the device's pull checkpoint instead (live-since.ts).
 * Any other answer that is not ok (a balancer's 502, a 503 while the server's storage is away) is thrown: RxDB's
 * live pull reads `results` of whatever JSON it gets outside its retry, so an error body would end it for good.
 */
import type { CollectionName } from '../../../model';
import { createSinceAnchor } from './live-since';
import type { DeviceHttp } from '../device-http';
import type { OutboxView } from './outbox-store';

interface BulkRow {
  id: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

/** What the fetch needs from its replication run. */
export interface CouchFetchDeps {
  collection: CollectionName;
  outbox: OutboxView;
  http: DeviceHttp;
  signal: AbortSignal;
  /**
   * Which of the sent documents still are the device's current state (by id). A write made while its
   * document's earlier state was on the way stays pending until its own push is acknowledged.
   */
  stillCurrent?(sent: Record<string, unknown>[]): Promise<Set<string>>;
}

function isBulkDocs(url: string): boolean {
  return new URL(url, 'http://x').pathname.endsWith('/_bulk_docs');
}

function sentDocs(init: RequestInit): Record<string, unknown>[] {
  try {
    const body = JSON.parse(String(init.body)) as { docs?: Record<string, unknown>[] };
    return Array.isArray(body.docs) ? body.docs : [];
  } catch {
    return [];
  }
}

async function settleBulkDocs(response: Response, init: RequestInit, deps: CouchFetchDeps): Promise<Response> {
  const rows = (await response.json()) as unknown;
  if (!Array.isArray(rows)) return Response.json(rows, { status: response.status });
  const answer = (rows as BulkRow[]).map((row) => ({ ...row }));
  const acknowledged: string[] = [];
  for (const row of answer) {
    if (row.ok) {
      acknowledged.push(row.id);
    } else if (row.error !== 'conflict') {
      await deps.outbox.refuse(row.id, deps.collection, row.reason ?? row.error ?? 'refused by the server');
      Object.assign(row, { ok: true, rev: row.rev ?? '0-refused', error: undefined, reason: undefined });
    }
  }
  const current = deps.stillCurrent ? await deps.stillCurrent(sentDocs(init)) : null;
  await deps.outbox.acknowledge(deps.collection, current ? acknowledged.filter((id) => current.has(id)) : acknowledged);
  return Response.json(answer, { status: 200 });
}

type ReplicationFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Creates the replication fetch of one collection. */
export function createCouchFetch(deps: CouchFetchDeps): ReplicationFetch {
  const send = createPullFetch(deps);
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await send(url, init);
    if (init.method === 'POST' && isBulkDocs(url)) return settleBulkDocs(response, init, deps);
    return response;
  };
}

/** The fetch of a pull-only replication (a collection only the server writes): the same sending, with no push to settle. */
export function createPullFetch(deps: Pick<CouchFetchDeps, 'http' | 'signal'>): ReplicationFetch {
  const anchor = createSinceAnchor();
  return async (asked: string, init: RequestInit = {}): Promise<Response> => {
    const url = await anchor.rewrite(asked, deps.signal);
    // After a 401 this waits for the user to sign in again: every unsent write is kept.
    const response = await deps.http.sendHeld(url, { ...init, signal: deps.signal });
    if (!response.ok) throw new Error(`the sync server answered ${response.status} to ${new URL(url, 'http://x').pathname}`);
    return response;
  };
}
