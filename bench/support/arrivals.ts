// Arrival times of documents at observers (an agent feed, a device), awaited by key "observer:docId".

/** Records when each observer first saw each document, and lets a writer await it. */
export class Arrivals {
  private seen = new Map<string, number>();
  private waiting = new Map<string, (at: number) => void>();

  /** Observer `who` saw `docId` now. */
  see(who: string, docId: string): void {
    const key = `${who}:${docId}`;
    if (this.seen.has(key)) return;
    const at = performance.now();
    this.seen.set(key, at);
    this.waiting.get(key)?.(at);
    this.waiting.delete(key);
  }

  /** Resolves with the time `who` saw `docId` (at once if it already did); rejects after `timeoutMs`. */
  when(who: string, docId: string, timeoutMs = 30_000): Promise<number> {
    const key = `${who}:${docId}`;
    const at = this.seen.get(key);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        fail(new Error(`${who} did not see ${docId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, (t) => {
        clearTimeout(timer);
        ok(t);
      });
    });
  }
}
