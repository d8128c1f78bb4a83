/** The agents list for the assignee picker: `GET /api/agents`, cached in a local document for offline use. */
import { createSignal, getOwner, onCleanup, type Accessor } from 'solid-js';
import type { AgentSummary } from './agent-types';
import type { LocalDocsDatabase } from './replication/outbox-store';

const DOC_ID = 'agents';

/** Where to ask; `null` reads only the cached copy (tests without a server). */
export interface DirectoryRemote {
  origin?: string;
  fetch?: typeof fetch;
}

function isAgentList(value: unknown): value is AgentSummary[] {
  return Array.isArray(value) && value.every((a: unknown) =>
    typeof a === 'object' && a !== null && typeof (a as AgentSummary).id === 'string' && typeof (a as AgentSummary).name === 'string');
}

/** The cached list, refreshed now and whenever the browser comes back online; call inside a reactive owner. */
export function createAgentDirectory(db: LocalDocsDatabase, remote: DirectoryRemote | null): Accessor<AgentSummary[]> {
  const [agents, setAgents] = createSignal<AgentSummary[]>([]);
  const subscription = db.getLocal$<{ agents: AgentSummary[] }>(DOC_ID).subscribe((doc) => {
    if (doc) setAgents(doc.toJSON().data.agents as AgentSummary[]);
  });
  const refresh = async () => {
    if (!remote) return;
    const send = remote.fetch ?? ((input, init) => globalThis.fetch(input, init));
    try {
      const response = await send(`${remote.origin ?? location.origin}/api/agents`, {
        credentials: 'include', signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) return; // signed out or offline: the cached list stays
      const body = (await response.json()) as { agents?: unknown };
      if (isAgentList(body.agents)) await db.upsertLocal(DOC_ID, { agents: body.agents });
    } catch {
      // offline: the cached list stays
    }
  };
  void refresh();
  const onOnline = () => void refresh();
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
  if (getOwner()) {
    onCleanup(() => {
      subscription.unsubscribe();
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
    });
  }
  return agents;
}
