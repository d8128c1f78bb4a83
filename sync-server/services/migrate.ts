/**
 * Moves an embedded portal into CouchDB (any storage into any other, in fact): users, sessions, tickets,
 * messages, attachments (their bytes inline, one document a batch), mail's own records and email delivery states, with every revision as it is, so that devices that synced with the old server carry on without
 * conflicts; the ticket counter, raised and never lowered; the demo marker. The per-customer scope index is not
 * copied: a cluster rebuilds it in Redis. The target is asked what it lacks (`_revs_diff`) before anything is
 * written, so a second run copies nothing and a run cut short completes when it is run again.
 */
import { copyDemoMarker } from './demo-marker';
import type { Database, Storage } from './storage';
import type { ChangeResult } from './storage-engine';
import { raiseTicketCounter, readTicketCounter } from './ticket-numbers';

/** The databases copied document by document, in this order. */
export const COPIED_DATABASES = ['users', 'sessions', 'tickets', 'messages', 'attachments', 'mail', 'deliveries'] as const;

/** An attachment document carries its file (up to ATTACHMENT_MAX_BYTES, inline as base64): one at a time. */
const ATTACHMENTS_BATCH_SIZE = 1;

/** One of `COPIED_DATABASES`. */
export type CopiedDatabase = (typeof COPIED_DATABASES)[number];

/** How far one database's copy is: documents the target lacked a revision of, and documents it held whole. */
export interface DatabaseProgress {
  database: CopiedDatabase;
  copied: number;
  alreadyThere: number;
  /** Leaf revisions written, each with its history (a document with a conflict or a deleted branch has several). */
  revisions: number;
}

/** What a migration did. */
export interface MigrationReport {
  databases: DatabaseProgress[];
  /** The source's last ticket number (undefined: it has no counter), and the target's after the raise. */
  counter: { source?: number; target?: number; raised: boolean };
  demoMarker: 'copied' | 'already there' | 'none';
}

/** How a migration runs. */
export interface MigrationOptions {
  /** Changes read from the source per batch. */
  batchSize?: number;
  /** Called after every batch, `done` after a database's last; one that throws stops the migration there. */
  onProgress?: (progress: DatabaseProgress, done: boolean) => void;
}

/** The default number of changes per batch: one `_revs_diff`, one read and one `_bulk_docs` each. */
export const DEFAULT_BATCH_SIZE = 200;

/** Copies what `target` lacks of `source`; see the module's comment. */
export async function migrateStorage(source: Storage, target: Storage, options: MigrationOptions = {}): Promise<MigrationReport> {
  const databases: DatabaseProgress[] = [];
  for (const database of COPIED_DATABASES) {
    databases.push(await copyDatabase(database, source[database], target[database], options));
  }
  // After the tickets: until it is raised, a server over the target numbers on from its highest stored ticket.
  const last = await readTicketCounter(source.scopeIndex);
  let counter: MigrationReport['counter'] = { raised: false };
  if (last !== undefined) {
    const after = await raiseTicketCounter(target, last);
    counter = { source: last, target: after.last, raised: after.raised };
  }
  return { databases, counter, demoMarker: await copyDemoMarker(source, target) };
}

async function copyDatabase(database: CopiedDatabase, from: Database, to: Database, options: MigrationOptions): Promise<DatabaseProgress> {
  const withFiles = database === 'attachments';
  const batchSize = withFiles ? ATTACHMENTS_BATCH_SIZE : options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress: DatabaseProgress = { database, copied: 0, alreadyThere: 0, revisions: 0 };
  let since: string | null = null;
  for (;;) {
    const page = await from.changes({ since, limit: batchSize, includeDocs: false, allLeaves: true });
    await copyBatch(page.results, from, to, progress, withFiles);
    since = page.lastSeq;
    const done = page.results.length < batchSize;
    options.onProgress?.({ ...progress }, done);
    if (done) return progress;
  }
}

/** Writes the leaf revisions of `changes` that `to` lacks, each with its history. */
async function copyBatch(
  changes: readonly ChangeResult[], from: Database, to: Database, progress: DatabaseProgress, withFiles: boolean,
): Promise<void> {
  if (changes.length === 0) return;
  const missing = await to.missingRevisions(Object.fromEntries(changes.map((change) => [change.id, change.leaves ?? [change.rev]])));
  const wanted = Object.entries(missing).flatMap(([id, revs]) => revs.map((rev) => ({ id, rev })));
  const docs = await from.readRevisions(wanted, { attachments: withFiles });
  await to.writeRevisions(docs);
  const copied = Object.values(missing).filter((revs) => revs.length > 0).length;
  progress.copied += copied;
  progress.alreadyThere += changes.length - copied;
  progress.revisions += docs.length;
}
