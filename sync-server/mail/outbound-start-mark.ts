/**
 * Where outbound mail began, so that turning it on never mails a message written before. The first server to
 * start with mail on records, under a fixed id (create-once), the messages feed's position then and the ids of
 * every message that would have been mailed: the feed is followed from that position, and the listed ids are
 * never queued, also when a CouchDB feed rewinds past the position (its seqs are opaque and may repeat changes).
 * The ids sit in chunk documents named by the marking run, written before the mark, so that two servers marking
 * at once never mix their lists; a mark left conflicted by a partition counts the lists of all its revisions.
 * A mark copied by `npm run migrate` into another engine keeps its list but not its position (another engine's
 * seq means nothing there): the feed is then read from its start, the list and the deliveries keeping it once-only.
 */
import { randomBytes } from 'node:crypto';
import type { MessageDoc } from '../../app/model/message.schema';
import type { Storage } from '../services/storage';
import { isConflict, isNotFound, type Seq, type StoredDocument } from '../services/storage-engine';
import { outboundKindOf } from './outbound-kind';

const MARK_ID = 'outbound-mark';
const CHUNK = 2_000;
const PAGE = 1_000;

/** Where mail began: the feed position to follow from (null: the start), and the messages from before it that would otherwise be mailed. */
export interface StartMark {
  seq: Seq | null;
  before: ReadonlySet<string>;
}

interface MarkDoc extends StoredDocument {
  run: string;
  /** The engine whose seq `seq` is. */
  engine: Storage['engine'];
  chunks: number;
  seq: Seq;
  markedAt: string;
}

const chunkId = (run: string, index: number) => `outbound-mark:${run}:${String(index).padStart(6, '0')}`;

/** The ids of the stored messages that mail would send, read a page at a time. */
async function mailableIds(storage: Storage): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await storage.messages.allDocs({ ...(after !== undefined && { startkey: after }), limit: PAGE + 1, includeDocs: true });
    const fresh = rows.filter((row) => 'id' in row && row.id !== after);
    for (const row of fresh) {
      const doc = 'doc' in row ? (row.doc as unknown as MessageDoc | null) : null;
      if (doc && outboundKindOf(doc) !== null) ids.push(row.key);
    }
    if (rows.length < PAGE + 1 || fresh.length === 0) return ids;
    after = fresh[fresh.length - 1]!.key;
  }
}

async function readBranches(storage: Storage): Promise<MarkDoc[]> {
  const winner = (await storage.mail.get(MARK_ID, { conflicts: true })) as MarkDoc;
  const losers = await Promise.all((winner._conflicts ?? []).map((rev) => storage.mail.get(MARK_ID, { rev }) as Promise<MarkDoc>));
  return [winner, ...losers];
}

async function loadMark(storage: Storage): Promise<StartMark> {
  const branches = await readBranches(storage);
  const before = new Set<string>();
  for (const mark of branches) {
    const keys = Array.from({ length: mark.chunks }, (_, i) => chunkId(mark.run, i));
    if (keys.length === 0) continue;
    for (const row of await storage.mail.allDocs({ keys, includeDocs: true })) {
      if (!('doc' in row) || !row.doc) throw new Error(`The outbound mark's list ${row.key} is missing.`);
      for (const id of row.doc.ids as string[]) before.add(id);
    }
  }
  const mark = branches[0]!;
  return { seq: mark.engine === storage.engine ? mark.seq : null, before };
}

/** The mark of `storage`, made now when there is none (see the module's comment). */
export async function startMark(storage: Storage, now = new Date()): Promise<StartMark> {
  try {
    return await loadMark(storage);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  // The position first: a message written while the list is read is on it, so it is not mailed (it is from before the mark).
  const seq = await storage.messages.currentSeq();
  const ids = await mailableIds(storage);
  const run = randomBytes(8).toString('hex');
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
  for (const [i, chunk] of chunks.entries()) await storage.mail.put({ _id: chunkId(run, i), ids: chunk });
  try {
    await storage.mail.put({ _id: MARK_ID, run, engine: storage.engine, chunks: chunks.length, seq, markedAt: now.toISOString() });
  } catch (error) {
    if (!isConflict(error)) throw error; // another server marked first: its mark rules
  }
  return loadMark(storage);
}
