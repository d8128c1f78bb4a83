/**
 * RxDB's CouchDB live pull (rxdb 17, `plugins/replication-couchdb/index.js`) starts its longpoll at `since=now`
 * and asks for `now` again after every failed attempt until one answer arrives; that answer's `last_seq` then
 * becomes the device's pull checkpoint. A `now` the server reads later than the device's last pull (the first
 * longpoll cut, refused or met a restarting server while others wrote) puts the checkpoint past changes the device
 * never received, and no later pull asks for them again.
 *
 * The anchor sends such a longpoll from the `since` of the latest normal pull instead: the device's own checkpoint,
 * up to which it holds everything. What the pull already brought comes once more and changes nothing.
 */

/** Rewrites `_changes` longpoll URLs that ask for `since=now`; one anchor per replicated collection. */
export interface SinceAnchor {
  /** The URL to send for `url`; a `since=now` longpoll waits until a normal pull has been sent. */
  rewrite(url: string, signal?: AbortSignal): Promise<string>;
}

const SINCE_NOW = /([?&])since=now(?=&|$)/;

/** Creates the anchor of one replication. */
export function createSinceAnchor(): SinceAnchor {
  let pulledSince: string | undefined;
  let waiting: Array<() => void> = [];
  return {
    async rewrite(url, signal) {
      const parsed = new URL(url, 'http://x');
      if (!parsed.pathname.endsWith('/_changes')) return url;
      const since = parsed.searchParams.get('since');
      if (parsed.searchParams.get('feed') !== 'longpoll') {
        // Each pull asks from a seq the device already holds everything up to (its checkpoint, or a page it took).
        if (since !== null && since !== 'now') {
          pulledSince = since;
          for (const wake of waiting.splice(0)) wake();
        }
        return url;
      }
      if (since !== 'now') return url;
      while (pulledSince === undefined) {
        if (signal?.aborted) throw signal.reason;
        await new Promise<void>((resolve) => {
          const done = (): void => {
            signal?.removeEventListener('abort', done);
            waiting = waiting.filter((wake) => wake !== done);
            resolve();
          };
          waiting.push(done);
          signal?.addEventListener('abort', done);
        });
      }
      return url.replace(SINCE_NOW, `$1since=${encodeURIComponent(pulledSince)}`);
    },
  };
}
