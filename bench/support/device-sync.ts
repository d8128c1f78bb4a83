// A new device's first sync both ways: our protocol (RxDB's pull loop) and the anchor's PouchDB.replicate, each into a memory PouchDB.
import { pullAll, type ChangeRow, type CouchClient, type WireSeq } from './couch-client';
import { memoryDb, Pouch, remoteDb } from './pouch-client';

/** RxDB's pull batch in the app (app/data/core/replication/start-replication.ts). */
export const PULL_BATCH = 100;

/** Stores pulled rows as a device would: the server's revisions kept (new_edits: false). */
async function storeRows(local: PouchDB.Database, rows: ChangeRow[]): Promise<void> {
  await local.bulkDocs(rows.flatMap((r) => (r.doc ? [r.doc as PouchDB.Core.PutDocument<object>] : [])), { new_edits: false });
}

/** Our first sync: both collections pulled at once from seq 0 into fresh memory databases; returns docs and checkpoints. */
export async function ourFirstSync(client: CouchClient): Promise<{ docs: number; lastSeq: Record<string, WireSeq> }> {
  const out = await Promise.all(
    (['tickets', 'messages'] as const).map(async (c) => {
      const local = memoryDb(`ours-${c}`);
      try {
        return [c, await pullAll(client, c, 0, PULL_BATCH, (rows) => storeRows(local, rows))] as const;
      } finally {
        await local.destroy();
      }
    }),
  );
  return { docs: out.reduce((n, [, r]) => n + r.docs, 0), lastSeq: Object.fromEntries(out.map(([c, r]) => [c, r.lastSeq])) };
}

/** A catch-up pull from the device's checkpoints; returns how many documents arrived. */
export async function ourCatchUp(client: CouchClient, lastSeq: Record<string, WireSeq>): Promise<number> {
  const local = memoryDb('ours-catchup');
  try {
    const counts = await Promise.all(
      Object.entries(lastSeq).map(([c, seq]) => pullAll(client, c, seq, PULL_BATCH, (rows) => storeRows(local, rows))),
    );
    return counts.reduce((n, r) => n + r.docs, 0);
  } finally {
    await local.destroy();
  }
}

/** The anchor's first sync: PouchDB.replicate of each named remote database into a fresh memory database, at once. */
export async function anchorFirstSync(baseUrl: string, dbNames: readonly string[]): Promise<number> {
  const counts = await Promise.all(
    dbNames.map(async (name) => {
      const local = memoryDb(`anchor-${name}`);
      const remote = remoteDb(baseUrl, name);
      try {
        const result = (await Pouch.replicate(remote, local, { batch_size: PULL_BATCH })) as { docs_written: number };
        return result.docs_written;
      } finally {
        await local.destroy();
        await remote.close();
      }
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Loads `docs` into a database on pouchdb-server (created on first use), in chunks. */
export async function loadRemote(baseUrl: string, name: string, docs: object[], chunk = 2000): Promise<void> {
  const db = remoteDb(baseUrl, name);
  for (let i = 0; i < docs.length; i += chunk) await db.bulkDocs(docs.slice(i, i + chunk) as PouchDB.Core.PutDocument<object>[]);
  await db.close();
}
