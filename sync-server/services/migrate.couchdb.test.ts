/**
 * Migrating an embedded portal into CouchDB: every revision as it was (conflicts and deletions too), the counter
 * raised and never lowered, the demo marker; a second run copies nothing, a run cut short completes when run
 * again, and a server over the copy keeps a signed-in device signed in, takes its edits without a conflict and serves its files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nano from 'nano';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app';
import { testConfig } from '../config';
import { createLogger } from '../logger';
import { couch } from '../routes/db-test-helpers';
import { download, sameBytes } from '../routes/attachment-test-helpers';
import { makeEmbeddedPortal, type EmbeddedPortal } from '../test-support/embedded-portal';
import { runTsx } from '../test-support/spawn-tsx';
import { testCouchUrl, testStorageLocation } from '../test-support/test-storage';
import { isDemoSeeded } from './demo-marker';
import { COPIED_DATABASES, migrateStorage, type DatabaseProgress } from './migrate';
import { SECRET_FILE } from './secrets';
import { openStorage, type Database, type Storage } from './storage';
import type { RevisionDocument } from './storage-engine';
import { raiseTicketCounter, readTicketCounter, ticketNumbersFor } from './ticket-numbers';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'harbor-migrate-'));
const dataDir = path.join(tmp, 'data');
let portal: EmbeddedPortal;
let source: Storage;
const targets: Storage[] = [];

beforeAll(async () => {
  portal = await makeEmbeddedPortal(dataDir);
  source = await openStorage({ kind: 'leveldb', dataDir });
});
afterEach(async () => {
  for (const target of targets.splice(0)) await target.close();
});
afterAll(async () => {
  await source?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function freshTarget(): Promise<Storage> {
  const target = await openStorage(testStorageLocation());
  targets.push(target);
  return target;
}

/** Every leaf revision of every document, with its history, in a stable order. */
async function revisionsOf(db: Database): Promise<RevisionDocument[]> {
  const { results } = await db.changes({ since: null, limit: 10_000, includeDocs: false, allLeaves: true });
  const docs = await db.readRevisions(results.flatMap((change) => change.leaves!.map((rev) => ({ id: change.id, rev }))));
  return docs.sort((a, b) => `${a._id} ${a._rev}`.localeCompare(`${b._id} ${b._rev}`));
}

async function expectSameRevisions(target: Storage): Promise<void> {
  for (const name of COPIED_DATABASES) expect(await revisionsOf(target[name]), name).toEqual(await revisionsOf(source[name]));
}

const copiedCounts = (databases: DatabaseProgress[]) => databases.map(({ database, copied }) => [database, copied]);

describe('migrating an embedded portal into CouchDB', () => {
  it('copies every revision, conflict and deletion, the counter and the demo marker; a second run copies nothing', async () => {
    const tickets = await revisionsOf(source.tickets);
    expect(Math.max(...tickets.map((doc) => doc._revisions.ids.length))).toBe(4);
    expect((await revisionsOf(source.messages)).some((doc) => doc._deleted)).toBe(true);
    expect((await revisionsOf(source.sessions)).some((doc) => doc._deleted)).toBe(true);
    const conflicted = tickets.filter((doc, i) => tickets.findIndex((other) => other._id === doc._id) !== i);
    expect(conflicted).toHaveLength(1);

    const target = await freshTarget();
    const first = await migrateStorage(source, target);
    await expectSameRevisions(target);
    expect(first.databases.every((db) => db.alreadyThere === 0 && db.copied > 0)).toBe(true);
    expect(first.databases.find((db) => db.database === 'tickets')).toMatchObject({ copied: 2, revisions: 3 });
    expect(first.counter).toEqual({ source: portal.counter, target: portal.counter, raised: true });
    expect(first.demoMarker).toBe('copied');
    expect(await isDemoSeeded(target)).toBe(true);
    expect(first.databases.find((db) => db.database === 'attachments')).toMatchObject({ copied: 1, revisions: 1 });
    expect(sameBytes(await target.attachments.getAttachment(portal.file.id, 'bytes'), portal.file.bytes)).toBe(true);
    expect((await target.tickets.get(conflicted[0]!._id, { conflicts: true }))._conflicts).toHaveLength(1);

    const second = await migrateStorage(source, target);
    expect(copiedCounts(second.databases)).toEqual(COPIED_DATABASES.map((name) => [name, 0]));
    expect(second.databases.map((db) => db.alreadyThere)).toEqual(first.databases.map((db) => db.copied));
    expect(second.counter).toEqual({ source: portal.counter, target: portal.counter, raised: false });
    expect(second.demoMarker).toBe('already there');
    expect(await ticketNumbersFor(target).next()).toBe(portal.counter + 1);
  });

  it('completes, when run again, a run cut short after its first batch', async () => {
    const target = await freshTarget();
    const cut = new Error('cut');
    await expect(migrateStorage(source, target, { batchSize: 1, onProgress: () => { throw cut; } })).rejects.toBe(cut);
    expect(await readTicketCounter(target.scopeIndex)).toBeUndefined();

    const rerun = await migrateStorage(source, target, { batchSize: 1 });
    await expectSameRevisions(target);
    const users = rerun.databases.find((db) => db.database === 'users')!;
    expect([users.alreadyThere, rerun.databases.reduce((sum, db) => sum + db.alreadyThere, 0)]).toEqual([1, 1]);
    expect(rerun.counter.target).toBe(portal.counter);
  });

  it('keeps a target counter that is already higher', async () => {
    const target = await freshTarget();
    await raiseTicketCounter(target, portal.counter + 40);
    const result = await migrateStorage(source, target);
    expect(result.counter).toEqual({ source: portal.counter, target: portal.counter + 40, raised: false });
    expect(await ticketNumbersFor(target).next()).toBe(portal.counter + 41);
  });

  it('lets a server over the copy keep a migrated device signed in and take its edit of the revision it had', async () => {
    const location = testStorageLocation();
    if (location.kind !== 'couchdb') throw new Error('this suite runs over CouchDB');
    const target = await openStorage(location);
    targets.push(target);
    await migrateStorage(source, target);
    const config = testConfig({ storage: { ...location, dropOnClose: true }, redisUrl: inject('redisUrl'), sessionSecret: portal.secret });
    const harbor = await createApp(config, { logger: createLogger({ silent: true }) });
    try {
      const me = await request(harbor.app).get('/api/session').set('cookie', portal.adaCookie);
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ email: 'ada@example.com' });
      const edit = couch({ ...portal.ticket.doc, status: 'resolved' as const, statusChangedAt: 9_000 }, portal.ticket.rev);
      const pushed = await request(harbor.app).post('/db/tickets/_bulk_docs').set('cookie', portal.adaCookie).send({ docs: [edit] });
      expect(pushed.status).toBe(201);
      expect(pushed.body).toEqual([expect.objectContaining({ ok: true, id: portal.ticket.doc.id })]);
      const file = await download({ http: request.agent(harbor.app).set('cookie', portal.adaCookie) as never }, portal.file.id);
      expect([file.status, file.headers['content-type'], sameBytes(file.body as Buffer, portal.file.bytes)]).toEqual([200, 'image/png', true]);
    } finally {
      await harbor.close();
    }
  });

  it('runs as `npm run migrate`: a line per database, the summary and the secret; again, it copies nothing', async () => {
    const dir = path.join(tmp, 'cli');
    const made = await makeEmbeddedPortal(dir);
    const url = testCouchUrl()!;
    const prefix = `harbor_cli_${randomBytes(5).toString('hex')}_`;
    const args = ['--from', dir, '--prefix', prefix];
    try {
      const first = await runTsx('sync-server/cli/migrate-cli.ts', args, { COUCHDB_URL: url });
      expect([first.code, first.stderr]).toEqual([0, '']);
      const lines = first.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^Copying .*cli into .* \\(databases ${prefix}\\*\\)$`));
      expect(lines.slice(1, 8)).toEqual([
        expect.stringMatching(/^users +\d+ copied \(\d+ leaf revisions\), 0 already there$/),
        expect.stringMatching(/^sessions +\d+ copied/),
        'tickets     2 copied (3 leaf revisions), 0 already there',
        expect.stringMatching(/^messages +4 copied \(4 leaf revisions\), 0 already there$/),
        'attachments 1 copied (1 leaf revisions), 0 already there',
        'mail        1 copied (1 leaf revisions), 0 already there',
        'deliveries  1 copied (1 leaf revisions), 0 already there',
      ]);
      expect(lines.slice(8)).toEqual([
        `ticket counter: raised to ${made.counter}`,
        'demo marker: copied',
        expect.stringMatching(/^Done: \d+ documents copied, 0 already there\.$/),
        `SESSION_SECRET=${made.secret}`,
        expect.stringMatching(/^Set SESSION_SECRET to this on every server/),
      ]);

      rmSync(path.join(dir, SECRET_FILE));
      const again = await runTsx('sync-server/cli/migrate-cli.ts', [...args, '--to', url], {});
      expect([again.code, again.stderr]).toEqual([0, '']);
      expect(again.stdout).toMatch(/^Done: 0 documents copied, \d+ already there\.$/m);
      expect(again.stdout).toContain(`ticket counter: already at ${made.counter}`);
      expect(again.stdout.trimEnd().split('\n').at(-1)).toMatch(/^No session secret is kept in .*cli .*set that same SESSION_SECRET on every server/);
    } finally {
      const client = nano(url);
      for (const name of await client.db.list()) if (name.startsWith(prefix)) await client.db.destroy(name);
    }
  }, 60_000);
});
