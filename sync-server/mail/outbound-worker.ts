/**
 * Outbound mail on one server: follows the messages database's changes from where mail began (`outbound-start-mark`),
 * turns each public agent reply on an email or portal conversation (a portal one only for a customer who keeps its
 * notification on, `outbound-choice`) into a queued delivery (created under the
 * message's id: a 409 means another server, or an earlier run, queued it) and its job, and claims and sends the
 * jobs that are due (`outbound-job`, `outbound-send`). Every server runs one; each mail is sent by one of them.
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { MessageDoc } from '../../app/model/message.schema';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { FeedIndex } from '../services/feed-index';
import type { Storage } from '../services/storage';
import { isConflict, isNotFound, type Seq } from '../services/storage-engine';
import { toModelDoc, type StoredDoc } from '../services/feed-docs';
import { createQueuedDelivery, readDelivery } from './delivery-record';
import type { OutboundMailConfig } from './mail-config';
import { claimJob, createJob, dueJobs } from './outbound-job';
import { customerTakes } from './outbound-choice';
import { outboundKindOf } from './outbound-kind';
import { sendJob, type SendContext } from './outbound-send';
import { startMark } from './outbound-start-mark';
import { DEFAULT_OUTBOUND_TIMINGS, type OutboundTimings } from './outbound-timings';

const CHECKPOINT_ID = 'outbound-checkpoint';
const BATCH = 200;
const RETRY_MS = 1_000;

/** What the worker needs. */
export interface OutboundWorkerDeps {
  storage: Storage;
  index: FeedIndex;
  outbound: OutboundMailConfig;
  config: Pick<ServerConfig, 'publicUrl' | 'sessionSecret'>;
  logger: Logger;
  timings?: Partial<OutboundTimings>;
}

/** The running worker. */
export interface OutboundWorker {
  /** Stops following and sending; resolves once the mail being sent now is recorded. */
  close(): Promise<void>;
}

/** The stored checkpoint; its seq only when it is this engine's (a migrated one is another engine's). */
async function readCheckpoint(storage: Storage): Promise<{ seq?: Seq; rev: string } | undefined> {
  try {
    const doc = await storage.mail.get(CHECKPOINT_ID);
    return { ...(doc.engine === storage.engine && { seq: doc.seq as Seq }), rev: doc._rev };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Queues `message` once: its delivery, then its job (made again when a run stopped between the two). */
async function queue(storage: Storage, message: MessageDoc, now: number): Promise<void> {
  const created = await createQueuedDelivery(storage, message.id, message.ticketId, new Date(now));
  if (!created && (await readDelivery(storage, message.id))?.state !== 'queued') return;
  await createJob(storage, message.id, message.ticketId, now);
}

/** Starts the worker over `deps.storage`; resolves once it has its mark and follows the feed. */
export async function startOutboundWorker(deps: OutboundWorkerDeps): Promise<OutboundWorker> {
  const { storage, logger } = deps;
  const timings: OutboundTimings = { ...DEFAULT_OUTBOUND_TIMINGS, ...deps.timings };
  const owner = randomBytes(8).toString('hex');
  const mark = await startMark(storage);
  const stored = await readCheckpoint(storage);
  let since: Seq | null = stored?.seq ?? mark.seq;
  let checkpointRev = stored?.rev;
  let closed = false;
  const transport = nodemailer.createTransport({
    url: deps.outbound.smtpUrl,
    connectionTimeout: timings.smtpTimeoutMs,
    greetingTimeout: timings.smtpTimeoutMs,
    socketTimeout: timings.smtpTimeoutMs,
  });
  const ctx: SendContext = { storage, index: deps.index, outbound: deps.outbound, config: deps.config, transport, timings, logger, now: Date.now };

  async function saveCheckpoint(seq: Seq): Promise<void> {
    try {
      checkpointRev = (await storage.mail.put({ _id: CHECKPOINT_ID, ...(checkpointRev && { _rev: checkpointRev }), engine: storage.engine, seq })).rev;
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Another server moved it: take its revision; the next page writes ours (a position behind only repeats changes).
      checkpointRev = (await readCheckpoint(storage))?.rev;
    }
  }

  /** Reads the feed from `since` to its end, queueing what mail sends. */
  async function follow(): Promise<void> {
    for (;;) {
      if (closed) return;
      const page = await storage.messages.changes({ since, limit: BATCH, includeDocs: true });
      let queued = false;
      for (const change of page.results) {
        if (change.deleted || !change.doc || mark.before.has(change.id)) continue;
        const message = toModelDoc(change.doc as unknown as StoredDoc) as unknown as MessageDoc;
        const kind = outboundKindOf(message);
        if (kind === null || !(await customerTakes(storage, kind, message.customerId))) continue;
        await queue(storage, message, Date.now());
        queued = true;
      }
      if (page.results.length > 0) {
        since = page.lastSeq;
        await saveCheckpoint(since);
      }
      if (queued) kickSending();
      if (page.results.length < BATCH) return;
    }
  }

  /** Claims and sends every due job, one at a time. */
  async function sendDue(): Promise<void> {
    for (const job of await dueJobs(storage, Date.now())) {
      if (closed) return;
      const claimed = await claimJob(storage, job, owner, Date.now(), timings.leaseMs);
      if (claimed) await sendJob(ctx, claimed);
    }
  }

  /** Runs `task` unless it runs; asked again meanwhile, it runs once more after. */
  function serial(name: string, task: () => Promise<void>): { kick(): void; idle(): Promise<void> } {
    let running: Promise<void> | undefined;
    let again = false;
    const kick = (): void => {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      again = false;
      running = task()
        .catch((error: unknown) => {
          if (closed) return;
          logger.error(`outbound mail: ${name} failed; retrying`, { error });
          setTimeout(kick, RETRY_MS).unref();
        })
        .finally(() => {
          running = undefined;
          if (again) kick();
        });
    };
    return { kick, idle: async () => void (await running) };
  }

  const following = serial('following the messages feed', follow);
  const sending = serial('sending', sendDue);
  const kickSending = sending.kick;
  const stopWatching = storage.messages.watch(following.kick, (error) => {
    if (!closed) logger.error('outbound mail lost the messages feed', { error });
  });
  const timer = setInterval(() => {
    following.kick();
    sending.kick();
  }, timings.pollMs);
  timer.unref();
  following.kick();
  sending.kick();
  logger.info('outbound mail is on', { from: deps.outbound.from });

  return {
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      stopWatching();
      await Promise.all([following.idle(), sending.idle()]);
      transport.close();
    },
  };
}
