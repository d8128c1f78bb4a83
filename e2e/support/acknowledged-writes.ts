/** Records which documents the server acknowledged to a browser: the `ok` rows of every `_bulk_docs` answer its pages read. */
import type { BrowserContext, Response } from 'playwright-core';

/** The ids acknowledged so far; `settled()` waits for the answers still being read. */
export interface AcknowledgedWrites {
  ids: Set<string>;
  settled(): Promise<void>;
  stop(): void;
}

/**
 * Starts recording on every page of `context` (the tab that syncs may change). An answer cut on its way (the body
 * never arrived whole) acknowledged nothing to the device, so it is not counted: the same rule as the Node devices
 * of the fault suite, which count what they read.
 */
export function recordAcknowledgedWrites(context: BrowserContext): AcknowledgedWrites {
  const ids = new Set<string>();
  const reading = new Set<Promise<void>>();
  const onResponse = (response: Response) => {
    if (response.request().method() !== 'POST' || !new URL(response.url()).pathname.endsWith('/_bulk_docs')) return;
    const read = response.json().then(
      (rows: unknown) => {
        if (!Array.isArray(rows)) return;
        for (const row of rows as Array<{ id?: string; ok?: boolean }>) if (row.ok && row.id) ids.add(row.id);
      },
      () => undefined,
    );
    reading.add(read);
    void read.finally(() => reading.delete(read));
  };
  context.on('response', onResponse);
  return {
    ids,
    async settled() {
      while (reading.size > 0) await Promise.all(reading);
    },
    stop: () => context.off('response', onResponse),
  };
}
