/**
 * A message's file on screen: as an object URL for an `<img>` (revoked with its owner), or saved as a download
 * through a temporary `<a download>`. The bytes are never navigated to: a `blob:` page runs with the app's origin.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** How long a download's object URL outlives the click: revoked at once, some browsers cancel it (FileSaver.js waits 40 s). */
const REVOKE_AFTER_MS = 40_000;

/** The sentence a rejection carries, for the screen. */
function reasonOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The file could not be opened.';
}

/**
 * Starts the download of `blob` as `name`. The bytes are retyped as octet-stream so that a browser that ignores
 * `download` (older iOS Safari) still saves them rather than showing them.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Loading, ready with its object URL, or failed with the sentence to show. */
export type BlobUrlState = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; reason: string };

/** Loads `load()` now; `retry()` loads again. Only the latest load counts; the URL is revoked on cleanup. */
export function createBlobUrl(load: () => Promise<Blob>): { current: Accessor<BlobUrlState>; retry(): void } {
  const [current, setCurrent] = createSignal<BlobUrlState>({ state: 'loading' });
  let url: string | undefined;
  let attempt = 0;
  let alive = true;
  const revoke = () => {
    if (url) URL.revokeObjectURL(url);
    url = undefined;
  };
  const retry = () => {
    const mine = ++attempt;
    setCurrent({ state: 'loading' });
    load().then(
      (blob) => {
        if (!alive || mine !== attempt) return;
        revoke();
        url = URL.createObjectURL(blob);
        setCurrent({ state: 'ready', url });
      },
      (error: unknown) => {
        if (alive && mine === attempt) setCurrent({ state: 'failed', reason: reasonOf(error) });
      },
    );
  };
  onCleanup(() => {
    alive = false;
    revoke();
  });
  retry();
  return { current, retry };
}

/** A download on demand: `start()` loads the bytes and saves them as `name`; busy meanwhile, the sentence if it failed. */
export function createDownload(load: () => Promise<Blob>, name: string): { busy: Accessor<boolean>; failed: Accessor<string | null>; start(): Promise<void> } {
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal<string | null>(null);
  return {
    busy,
    failed,
    async start() {
      if (busy()) return;
      setBusy(true);
      setFailed(null);
      try {
        saveBlob(await load(), name);
      } catch (error) {
        setFailed(reasonOf(error));
      } finally {
        setBusy(false);
      }
    },
  };
}
