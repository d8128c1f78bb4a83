/**
 * One write at a time per document id in this process: two devices sending the same new ticket at once then get
 * one `ok` and one `conflict`, and only the first takes a ticket number (no gap in the numbering).
 */

const tails = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task of `key` has settled. */
export function withDocumentLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  tails.set(key, settled);
  void settled.then(() => {
    if (tails.get(key) === settled) tails.delete(key);
  });
  return run;
}
