/**
 * Stands in for the `unload` package (pubkey/unload 2.4) in the browser build: RxDB's leader election
 * (broadcast-channel) uses it to give up leadership when a tab goes away. The package listens for the
 * deprecated `unload` event, which Chrome reports as a deprecated API (Lighthouse Best Practices) and which
 * keeps the page out of the back/forward cache; `pagehide` fires in every case `unload` does
 * (https://developer.chrome.com/docs/web-platform/deprecating-unload). Same API as the package.
 */

type Listener = () => unknown;

const listeners = new Set<Listener>();
let listening = false;

function startListening(): void {
  if (listening || typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
  listening = true;
  // beforeunload comes first for a closing window (as in the package); pagehide covers the rest, iframes
  // included, except a page kept in the back/forward cache, which is not gone and may be shown again.
  window.addEventListener('beforeunload', () => void runAll(), true);
  window.addEventListener('pagehide', (event) => { if (!event.persisted) void runAll(); }, true);
}

/** Runs `fn` once when the page goes away; the handle removes it or runs it early. */
export function add(fn: Listener): { remove(): boolean; run(): unknown } {
  if (typeof fn !== 'function') throw new Error('Listener is no function');
  startListening();
  listeners.add(fn);
  return {
    remove: () => listeners.delete(fn),
    run: () => {
      listeners.delete(fn);
      return fn();
    },
  };
}

/** Runs (and forgets) every listener. */
export function runAll(): Promise<unknown[]> {
  const pending = [...listeners].map((fn) => {
    listeners.delete(fn);
    return fn();
  });
  return Promise.all(pending);
}

/** Forgets every listener. */
export function removeAll(): void {
  listeners.clear();
}

/** How many listeners wait. */
export function getSize(): number {
  return listeners.size;
}
