/**
 * One user action's documents written in order, each marked pending first (so none shows as sent before the
 * server has it). A step the device refuses leaves no pending mark behind for it or the steps after it, and
 * comes out as a plain sentence for the screen.
 */
import { outboxKey, type Outbox, type PendingDoc } from '../replication/outbox-store';
import { writeTroubleMessage, type WriteAction } from './storage-trouble';

/** One document write and the outbox entries it settles. */
export interface WriteStep {
  docs: PendingDoc[];
  write(): Promise<unknown>;
}

/**
 * Marks every step's documents pending, then runs the steps in order; rejects with `action`'s sentence.
 * `continuing` names a document written earlier by the same action of the user's (a request completed by a
 * second submit), so that the action is counted once.
 */
export async function writePending(outbox: Outbox, action: WriteAction, steps: WriteStep[], continuing?: WriteStep['docs'][number]): Promise<void> {
  const marks = await outbox.markPending(steps.flatMap((step) => step.docs), continuing).catch((error: unknown) => {
    throw new Error(writeTroubleMessage(error, action), { cause: error });
  });
  let written = 0;
  try {
    for (const step of steps) {
      await step.write();
      written += 1;
    }
  } catch (error) {
    const unwritten = new Set(steps.slice(written).flatMap((step) => step.docs.map((d) => outboxKey(d.collection, d.id))));
    await outbox.unmark(marks.filter((mark) => unwritten.has(mark.key)));
    throw new Error(writeTroubleMessage(error, action), { cause: error });
  }
}
