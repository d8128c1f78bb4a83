/**
 * Sends the queued files to `PUT /api/attachments/{id}`, one at a time, in the leader tab (beside replication):
 * a file goes once its message is written and its ticket is on the server; when the last file of a message is
 * up, the message is released to replication (it was held back, `upload-queue.ts`). The network failing, a 5xx
 * or a 429 waits and goes again (an upload sent twice is stored once); a refusal (too large, a wrong hash, no
 * such ticket) fails the message with the file's name and the reason, shown with Retry and Discard as for text.
 * A file whose message never came (the tab closed between keeping the file and writing the message) is forgotten
 * once it is old enough that no tab can still be writing that message.
 */
import type { Connectivity } from '../platform';
import type { DeviceHttp } from '../device-http';
import type { PortalDatabase } from '../database';
import { outboxKey, type Outbox } from '../replication/outbox-store';
import type { FileStore } from './file-store';
import type { UploadEntry, UploadQueue } from './upload-queue';

export interface UploaderDeps {
  db: PortalDatabase;
  queue: UploadQueue;
  store: FileStore;
  outbox: Outbox;
  http: DeviceHttp;
  connectivity: Connectivity;
  /** How long to wait before trying again after the network or the server failed (ms). */
  retryTime: number;
}

type Outcome = { done: true } | { done: false; retryIn: number };

const UNSETTLED = new Set(['pending', 'retrying']);

/** How old a queued file with no message may grow before it is taken for an orphan (a write takes milliseconds). */
export const ORPHAN_AFTER_MS = 10 * 60_000;

/** Why the server refused an upload, in words after the file's name. */
async function refusal(response: Response, entry: UploadEntry): Promise<string> {
  const said = await response.json().then((body: { reason?: unknown; message?: unknown }) => String(body.reason ?? body.message ?? ''), () => '');
  const why = response.status === 413 ? 'it is larger than the server accepts'
    : response.status === 404 ? 'its ticket is not on the server'
    : said || `the server answered ${response.status}`;
  return `“${entry.name}” could not be sent: ${why.replace(/\.$/, '')}.`;
}

/** Starts uploading; `stop()` ends it (an upload under way is aborted and sent again next time). */
export function startUploads(deps: UploaderDeps): { stop(): void } {
  const { db, queue, store, outbox, http, connectivity } = deps;
  const aborter = new AbortController();
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Whether the last read found files queued: the outbox changes at every write, and with none queued it has
  // nothing to release, so it need not read the queue again (a new file comes with a queue change of its own).
  let queued = true;

  const state = (key: string) => outbox.entries()[key]?.state;

  async function uploadOne(entry: UploadEntry): Promise<Outcome> {
    const blob = await store.get(entry.id);
    if (!blob) return fail(entry, `“${entry.name}” is no longer on this device: discard the message and attach the file again.`);
    const query = new URLSearchParams({ ticketId: entry.ticketId, name: entry.name, size: String(entry.size), sha256: entry.sha256 });
    if (entry.visibility === 'internal') query.set('visibility', 'internal');
    let response: Response;
    try {
      response = await http.sendHeld(`/api/attachments/${encodeURIComponent(entry.id)}?${query}`, {
        method: 'PUT', body: blob, headers: { 'Content-Type': entry.type }, signal: aborter.signal,
      });
    } catch {
      return { done: false, retryIn: deps.retryTime }; // the network failed (or this run stopped)
    }
    if (response.ok) {
      await response.body?.cancel().catch(() => undefined);
      await uploaded(entry);
      return { done: true };
    }
    if (response.status === 429) return { done: false, retryIn: Math.max(1, Number(response.headers.get('Retry-After')) || 1) * 1000 };
    if (response.status >= 500) return { done: false, retryIn: deps.retryTime };
    return fail(entry, await refusal(response, entry));
  }

  async function fail(entry: UploadEntry, reason: string): Promise<Outcome> {
    await queue.modify((entries) => {
      const current = entries[entry.id];
      if (current) entries[entry.id] = { ...current, state: 'failed', reason };
    });
    await outbox.refuse(entry.messageId, 'messages', reason);
    return { done: true };
  }

  /** Marks the file uploaded and, when it was its message's last, lets replication send the message. */
  async function uploaded(entry: UploadEntry): Promise<void> {
    let last = false;
    await queue.modify((entries) => {
      const current = entries[entry.id];
      if (current) entries[entry.id] = { ...current, state: 'uploaded' };
      last = Object.values(entries).every((e) => e.messageId !== entry.messageId || e.state === 'uploaded');
    });
    if (last) await release(entry.messageId);
  }

  // The messages this run released: a message whose files were all up before this run (the tab reloaded or closed
  // between the last upload and the release) is released once by the first drain, and never again after.
  const released = new Set<string>();

  /** Replication skipped the held message and took it as sent; a new local revision, marked to be sent again,
   * makes it push (the messages' conflict handler does not count it as the server's copy while so marked). */
  async function release(messageId: string): Promise<void> {
    released.add(messageId);
    await outbox.release('messages', messageId);
    const doc = await db.messages.findOne(messageId).exec();
    await doc?.incrementalModify((data) => data);
  }

  /** The messages of `entries` whose files are all up but that still wait in the outbox, not released by this run. */
  function unreleased(entries: UploadEntry[]): string[] {
    const messages = new Set(entries.filter((e) => !released.has(e.messageId) && UNSETTLED.has(state(outboxKey('messages', e.messageId)) ?? '')).map((e) => e.messageId));
    return [...messages].filter((id) => entries.every((e) => e.messageId !== id || e.state === 'uploaded'));
  }

  /** The ids of `entries` whose message is in no outbox entry and not on the device, queued long ago. */
  async function orphansOf(entries: UploadEntry[]): Promise<string[]> {
    const old = Date.now() - ORPHAN_AFTER_MS;
    const candidates = entries.filter((e) => e.state !== 'uploaded' && !state(outboxKey('messages', e.messageId)) && (e.queuedAt ?? 0) < old);
    if (candidates.length === 0) return [];
    const found = await db.messages.findByIds([...new Set(candidates.map((e) => e.messageId))]).exec();
    return candidates.filter((e) => !found.has(e.messageId)).map((e) => e.id);
  }

  /** Uploads what can go now, one file at a time; tidies what is settled and forgets orphans. */
  async function drain(): Promise<void> {
    for (;;) {
      if (aborter.signal.aborted) return;
      let entries = Object.values(await queue.read());
      queued = entries.length > 0;
      const settled = entries.filter((e) => e.state === 'uploaded' && !state(outboxKey('messages', e.messageId))).map((e) => e.id);
      const orphans = await orphansOf(entries);
      if (settled.length > 0 || orphans.length > 0) {
        await queue.modify((all) => [...settled, ...orphans].forEach((id) => delete all[id]));
        if (orphans.length > 0) {
          await store.delete(orphans).catch(() => undefined);
          entries = entries.filter((e) => !orphans.includes(e.id));
        }
      }
      for (const messageId of unreleased(entries)) await release(messageId);
      const next = entries.find((e) =>
        e.state === 'waiting'
        && UNSETTLED.has(state(outboxKey('messages', e.messageId)) ?? '')
        && !UNSETTLED.has(state(outboxKey('tickets', e.ticketId)) ?? ''));
      if (!next) return;
      const outcome = await uploadOne(next);
      if (!outcome.done) {
        clearTimeout(timer);
        timer = setTimeout(kick, outcome.retryIn);
        return;
      }
    }
  }

  function kick(): void {
    if (aborter.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void drain()
      .catch(() => {
        clearTimeout(timer);
        timer = setTimeout(kick, deps.retryTime); // the device refused a queue write: try again later
      })
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  const stopQueue = queue.onChange(kick);
  const outboxChanges = outbox.entries$.subscribe(() => queued && kick());
  const stopConnectivity = connectivity.onChange((online) => online && kick());
  kick();
  return {
    stop() {
      aborter.abort();
      clearTimeout(timer);
      stopQueue();
      outboxChanges.unsubscribe();
      stopConnectivity();
    },
  };
}
