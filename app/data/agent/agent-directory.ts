/** The agents list for the assignee picker: `GET /api/agents`, cached in a local document for offline use. */
import { createSignal, getOwner, onCleanup, type Accessor } from 'solid-js';
import type { AgentSummary } from './agent-types';
import type { DeviceHttp } from '../core/device-http';
import type { LocalValue } from '../core/local-value';
import type { Connectivity } from '../core/platform';

/** The local document holding the cached list. */
export const AGENTS_DOC = 'agents';

function isAgentList(value: unknown): value is AgentSummary[] {
  return Array.isArray(value) && value.every((a: unknown) =>
    typeof a === 'object' && a !== null && typeof (a as AgentSummary).id === 'string' && typeof (a as AgentSummary).name === 'string');
}

/**
 * The cached list, refreshed now and whenever the device comes back online, through `http` (`null` reads only the
 * cached copy: tests without a server); call inside a reactive owner.
 */
export function createAgentDirectory(
  cached: LocalValue<{ agents: AgentSummary[] }>,
  http: DeviceHttp | null,
  connectivity: Connectivity,
): Accessor<AgentSummary[]> {
  const [agents, setAgents] = createSignal<AgentSummary[]>([]);
  const subscription = cached.changes$.subscribe((value) => {
    if (value) setAgents(value.agents);
  });
  const refresh = async () => {
    if (!http) return;
    try {
      const response = await http.send('/api/agents', { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) return; // signed out (the client asks to sign in again): the cached list stays
      const body = (await response.json()) as { agents?: unknown };
      if (isAgentList(body.agents)) await cached.write({ agents: body.agents });
    } catch {
      // offline: the cached list stays
    }
  };
  void refresh();
  const stopConnectivity = connectivity.onChange((online) => {
    if (online) void refresh();
  });
  if (getOwner()) {
    onCleanup(() => {
      subscription.unsubscribe();
      stopConnectivity();
    });
  }
  return agents;
}
