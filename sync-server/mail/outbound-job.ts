/**
 * The send job of a queued message, in `storage.mail` (server-only) as `outbound-job:{messageId}`: when it may be
 * tried next and which server holds it. A server claims a job by writing its lease with the job's revision (a 409:
 * another server was first); a lease whose server died lapses and is taken over. On a CouchDB cluster a claim
 * fewer than a quorum of copies took is no claim, and a job left conflicted is folded to its winning revision.
 * A finished job is removed, so the range of jobs holds only what is still to send.
 */
import type { Storage } from '../services/storage';
import { isConflict, isNotFound, type DocumentInput, type StoredDocument } from '../services/storage-engine';

const PREFIX = 'outbound-job:';

/** What every job kind holds: its schedule and its lease (account mail's jobs reuse the claims below). */
export interface JobLease extends StoredDocument {
  /** When the mail was queued (ms): retries stop 24 hours after. */
  queuedAt: number;
  /** Not tried before this time (ms). */
  nextAttemptAt: number;
  /** The server holding the job, until `leaseUntil` (ms). */
  owner: string | null;
  leaseUntil: number;
}

/** A message's job as stored. */
export interface JobDoc extends JobLease {
  messageId: string;
  ticketId: string;
}

const jobId = (messageId: string) => PREFIX + messageId;

/** The job's fields to write back: everything but the conflicts it was read with. */
function fieldsOf(job: JobLease): DocumentInput {
  const { _conflicts: _, ...fields } = job;
  return fields;
}

/** Creates the job of a queued message (a 409: it exists already, fine). */
export async function createJob(storage: Storage, messageId: string, ticketId: string, now: number): Promise<void> {
  try {
    await storage.mail.put({ _id: jobId(messageId), messageId, ticketId, queuedAt: now, nextAttemptAt: now, owner: null, leaseUntil: 0 });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

/** The jobs under `prefix` that may be claimed at `now`: due, and free or with a lapsed lease; oldest queued first. */
export async function dueJobs<Job extends JobLease = JobDoc>(storage: Storage, now: number, prefix = PREFIX): Promise<Job[]> {
  const rows = await storage.mail.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, includeDocs: true });
  const jobs = rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as Job] : []));
  return jobs.filter((job) => job.nextAttemptAt <= now && job.leaseUntil <= now).sort((a, b) => a.queuedAt - b.queuedAt);
}

/** Claims `job` for `owner` until `now + leaseMs`; the claimed job, or undefined when another server has it. */
export async function claimJob<Job extends JobLease>(storage: Storage, job: Job, owner: string, now: number, leaseMs: number): Promise<Job | undefined> {
  const fields = fieldsOf(job);
  let written: { rev: string; quorum: boolean };
  try {
    written = await storage.mail.putWithQuorum({ ...fields, owner, leaseUntil: now + leaseMs });
  } catch (error) {
    if (isConflict(error) || isNotFound(error)) return undefined;
    throw error;
  }
  if (!written.quorum) return undefined; // the lease lapses unless another copy's claim won
  const stored = (await storage.mail.get(job._id, { conflicts: true })) as Job;
  if (stored._conflicts?.length) {
    // A partition let two claims in: the winning revision rules, the others are removed.
    await storage.mail.bulkDocs(stored._conflicts.map((rev) => ({ _id: job._id, _rev: rev, _deleted: true })));
  }
  return stored.owner === owner && stored._rev === written.rev ? stored : undefined;
}

/** Gives the job back, to be tried again at `nextAttemptAt`. */
export async function releaseJob<Job extends JobLease>(storage: Storage, job: Job, nextAttemptAt: number, changes: Partial<Job> = {}): Promise<void> {
  await storage.mail.put({ ...fieldsOf(job), ...(changes as object), owner: null, leaseUntil: 0, nextAttemptAt });
}

/** Removes a finished job. */
export async function finishJob(storage: Storage, job: JobLease): Promise<void> {
  try {
    await storage.mail.remove(job._id, job._rev);
  } catch (error) {
    if (!isConflict(error) && !isNotFound(error)) throw error;
  }
}

/** A claim held while its mail is sent: renewed every third of the lease, so a slow send never lets it lapse. */
export interface HeldClaim<Job extends JobLease = JobDoc> {
  /** The job at its latest revision (renewals write it). */
  job(): Job;
  /** Stops renewing; resolves once a renewal in flight is written. */
  stop(): Promise<void>;
}

/** Keeps the claim on `job` for `leaseMs` past every renewal, until `stop()`. */
export function holdClaim<Job extends JobLease>(storage: Storage, job: Job, leaseMs: number): HeldClaim<Job> {
  let current = job;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async (): Promise<void> => {
    const fields = fieldsOf(current);
    const leaseUntil = Date.now() + leaseMs;
    try {
      const { rev } = await storage.mail.put({ ...fields, leaseUntil });
      current = { ...current, _rev: rev, leaseUntil };
    } catch {
      // Taken over or unwritable: the send goes on; what it records is checked against the delivery's state.
    }
  };
  const timer = setInterval(() => void (renewing = renewing.then(renew)), Math.max(10, leaseMs / 3));
  timer.unref();
  return {
    job: () => current,
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
}
