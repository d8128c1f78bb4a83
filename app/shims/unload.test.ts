/** The unload shim runs its listeners once when the page goes away, never for a page kept in the back/forward cache. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A fresh module per test: the shim starts listening once per page.
let shim: typeof import('./unload');
beforeEach(async () => {
  vi.resetModules();
  vi.restoreAllMocks();
  shim = await import('./unload');
});

function pagehide(persisted: boolean): void {
  const event = new Event('pagehide') as PageTransitionEvent;
  Object.defineProperty(event, 'persisted', { value: persisted });
  window.dispatchEvent(event);
}

describe('unload shim', () => {
  it('runs each listener once on pagehide, and not while the page is only kept in the back/forward cache', () => {
    const fn = vi.fn();
    shim.add(fn);
    pagehide(true);
    expect(fn).not.toHaveBeenCalled();
    pagehide(false);
    pagehide(false);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(shim.getSize()).toBe(0);
  });

  it('runs on beforeunload, and a removed listener never runs', () => {
    const kept = vi.fn();
    const removed = vi.fn();
    shim.add(kept);
    shim.add(removed).remove();
    window.dispatchEvent(new Event('beforeunload'));
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('never listens for the deprecated unload event', () => {
    const listen = vi.spyOn(window, 'addEventListener');
    shim.add(() => undefined);
    expect(listen.mock.calls.map(([type]) => type)).toContain('pagehide');
    expect(listen.mock.calls.map(([type]) => type)).not.toContain('unload');
    window.dispatchEvent(new Event('unload'));
    expect(shim.getSize()).toBe(1);
  });
});
