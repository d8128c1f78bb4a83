/**
 * A text kept in the URL that the screen reads on every key: the typed value is a signal, so the list follows it at
 * once, while the URL (which the router updates in a transition, a moment later) follows it without a history entry
 * per key. A URL changed from outside (Back, Forward, a link) wins.
 */
import { createEffect, createSignal, on, type Accessor } from 'solid-js';

function asText(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** The typed query, its setter, and whether the URL has not caught up with it yet. */
export function createUrlQuery(fromUrl: Accessor<unknown>, toUrl: (query: string) => void) {
  const [query, setQueryNow] = createSignal(asText(fromUrl()));
  let written = query();
  createEffect(on(() => asText(fromUrl()), (inUrl) => {
    if (inUrl === written) return;
    written = inUrl;
    setQueryNow(inUrl);
  }, { defer: true }));
  return {
    query,
    pending: () => asText(fromUrl()) !== query(),
    setQuery(next: string) {
      setQueryNow(next);
      written = next;
      toUrl(next);
    },
  };
}
