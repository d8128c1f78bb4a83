/** The server as an agent sees it, over HTTP: what the journeys check the server holds, and agents' writes. */
import { DEMO_PASSWORD } from '../../sync-server/services/seed-demo';

/** A signed-in agent: reads every document of a collection, writes documents. */
export interface AgentApi {
  user: { id: string; name: string };
  all<T>(collection: 'tickets' | 'messages'): Promise<(T & { _id: string; _rev: string })[]>;
  write(collection: 'tickets' | 'messages', docs: object[]): Promise<{ id: string; ok?: boolean; error?: string; reason?: string }[]>;
  /** A GET of `path` with this session (an attachment's bytes, say). */
  get(path: string): Promise<Response>;
}

/** Signs in as the demo agent. */
export async function signInAgent(baseUrl: string, email = 'sam@example.com'): Promise<AgentApi> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`agent sign-in failed: ${response.status}`);
  const { user } = (await response.json()) as { user: { id: string; name: string } };
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', cookie } });
  return {
    user,
    async all<T>(collection: string) {
      const res = await call(`/db/${collection}/_changes?style=all_docs&feed=normal&include_docs=true&since=0&limit=100000`);
      const body = (await res.json()) as { results: { doc: T & { _id: string; _rev: string } }[] };
      return body.results.map((row) => row.doc).filter((doc) => !(doc as { _deleted?: boolean })._deleted);
    },
    async write(collection, docs) {
      const res = await call(`/db/${collection}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs }) });
      return (await res.json()) as { id: string; ok?: boolean; error?: string; reason?: string }[];
    },
    get: (path) => fetch(`${baseUrl}${path}`, { headers: { cookie } }),
  };
}
