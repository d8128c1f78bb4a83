/** `/api/attachments`: byte-exact round trips, idempotent uploads, who may read, and headers that make files safe to open. */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { download, PNG_BYTES, sameBytes, sha256Of, SVG_WITH_SCRIPT, upload } from './attachment-test-helpers';
import { aTicket } from '../../app/model/fixtures';
import { couch, createAdaTicket, createDbWorld, pushOk, type DbWorld } from './db-test-helpers';

let world: DbWorld;
let ticket: TicketDoc;

beforeEach(async () => {
  world = await createDbWorld();
  ticket = (await createAdaTicket(world)).ticket;
});

afterEach(async () => {
  await world.app.close();
});

const storedCount = () => world.app.storage.attachments.docCount();

describe('uploading and downloading', () => {
  it('gives back the same bytes, with the hash and the metadata the upload was answered with', async () => {
    const bytes = randomBytes(300_000);
    const sent = upload(world.ada, { ticketId: ticket.id, bytes, name: 'logs.tar.gz', type: 'application/gzip' });
    const res = await sent;
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: sent.id, ticketId: ticket.id, uploaderId: world.ada.user.id, uploaderRole: 'customer', visibility: 'public',
      name: 'logs.tar.gz', declaredType: 'application/gzip', sniffedType: null, size: bytes.length, sha256: sha256Of(bytes),
      createdAt: expect.any(Number),
    });
    for (const reader of [world.ada, world.sam]) {
      const got = await download(reader, sent.id);
      expect(got.status).toBe(200);
      expect(sameBytes(got.body as Buffer, bytes)).toBe(true);
      expect(sha256Of(got.body as Buffer)).toBe(res.body.sha256);
      expect(got.headers['content-length']).toBe(String(bytes.length));
    }
  });

  it('answers HEAD with the headers of the download and no body', async () => {
    const sent = upload(world.ada, { ticketId: ticket.id, bytes: PNG_BYTES });
    expect((await sent).status).toBe(201);
    const res = await world.sam.http.head(`/api/attachments/${sent.id}`);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'image/png', 'content-length': String(PNG_BYTES.length) });
    expect(res.text ?? '').toBe('');
    expect((await world.grace.http.head(`/api/attachments/${sent.id}`)).status).toBe(404);
  });

  it('answers the same upload again with 200 and the first metadata, stored once', async () => {
    const bytes = randomBytes(5_000);
    const first = upload(world.ada, { ticketId: ticket.id, bytes, name: 'a.txt' });
    expect((await first).status).toBe(201);
    const again = await upload(world.ada, { id: first.id, ticketId: ticket.id, bytes, name: 'a.txt' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual((await first).body);
    expect(await storedCount()).toBe(1);
  });

  it('stores the same upload sent twice at once once, answering both', async () => {
    const bytes = randomBytes(50_000);
    const id = newId();
    const answers = await Promise.all([1, 2].map(() => upload(world.ada, { id, ticketId: ticket.id, bytes })));
    // One store answers 201 and 200; a CouchDB cluster can take both writes, on two copies, and then both may be
    // told 201 before either sees the other: either way the two answers are the one attachment, stored once.
    expect(answers.map((a) => a.status)).toContain(201);
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(answers.map((a) => [a.body.id, a.body.sha256])).toEqual([[id, sha256Of(bytes)], [id, sha256Of(bytes)]]);
    expect(await storedCount()).toBe(1);
    expect((await world.app.storage.attachments.get(id, { conflicts: true }))._conflicts).toBeUndefined();
  });

  it('refuses a taken id with 409, keeping the first bytes: other bytes, another ticket, or another user', async () => {
    const bytes = randomBytes(1_000);
    const first = upload(world.ada, { ticketId: ticket.id, bytes });
    expect((await first).status).toBe(201);
    const other = (await createAdaTicket(world)).ticket;
    const grace = aTicket(world.grace.user, { id: newId() });
    await pushOk(world.grace, 'tickets', couch(grace));
    const tries = [
      await upload(world.ada, { id: first.id, ticketId: ticket.id, bytes: randomBytes(1_000) }),
      await upload(world.ada, { id: first.id, ticketId: other.id, bytes }),
      await upload(world.sam, { id: first.id, ticketId: ticket.id, bytes }),
      await upload(world.grace, { id: first.id, ticketId: grace.id, bytes }),
    ];
    expect(tries.map((t) => t.status)).toEqual([409, 409, 409, 409]);
    // One answer whoever holds the id: it says nothing of whose it is.
    expect(new Set(tries.map((t) => JSON.stringify(t.body))).size).toBe(1);
    expect(sameBytes((await download(world.ada, first.id)).body as Buffer, bytes)).toBe(true);
  });

  it('refuses a wrong declared size or hash with 400 and keeps nothing', async () => {
    const bytes = randomBytes(2_000);
    const short = upload(world.ada, { ticketId: ticket.id, bytes, size: 1_999 });
    expect((await short).status).toBe(400);
    expect((await short).body.error).toBe('wrong_size');
    const hashed = upload(world.ada, { ticketId: ticket.id, bytes, sha256: sha256Of(randomBytes(8)) });
    expect((await hashed).status).toBe(400);
    expect((await hashed).body.error).toBe('wrong_sha256');
    expect(await storedCount()).toBe(0);
    expect((await download(world.sam, short.id)).status).toBe(404);
    expect((await upload(world.ada, { id: hashed.id, ticketId: ticket.id, bytes })).status).toBe(201);
  });

  it('refuses an upload without its facts, or with bad ones, with 400 before storing', async () => {
    const bytes = Buffer.from('x');
    const sha256 = sha256Of(bytes);
    const bad = [
      `/api/attachments/${newId()}?name=a&size=1&sha256=${sha256}`,
      `/api/attachments/${newId()}?ticketId=${ticket.id}&size=1&sha256=${sha256}`,
      `/api/attachments/${newId()}?ticketId=${ticket.id}&name=a&size=one&sha256=${sha256}`,
      `/api/attachments/${newId()}?ticketId=${ticket.id}&name=a&size=1&sha256=abc`,
      `/api/attachments/${newId()}?ticketId=${ticket.id}&name=a&size=1&sha256=${sha256}&visibility=secret`,
      `/api/attachments/${newId()}?ticketId=${ticket.id}&ticketId=x&name=a&size=1&sha256=${sha256}`,
      `/api/attachments/_design?ticketId=${ticket.id}&name=a&size=1&sha256=${sha256}`,
    ];
    for (const url of bad) {
      const res = await world.ada.http.put(url).send(bytes);
      expect(res.status, url).toBe(400);
      expect(res.body, url).toEqual({ error: 'bad_request', reason: expect.any(String) });
    }
    expect(await storedCount()).toBe(0);
  });

  it('takes a JSON file as bytes, not as a JSON body', async () => {
    const bytes = Buffer.from('{"not": "parsed"}');
    const sent = upload(world.ada, { ticketId: ticket.id, bytes, name: 'data.json', type: 'application/json' });
    expect((await sent).status).toBe(201);
    expect(sameBytes((await download(world.ada, sent.id)).body as Buffer, bytes)).toBe(true);
  });
});

describe('who may upload and read', () => {
  it('binds an upload to a ticket its uploader can see: another customer gets the 404 of a missing ticket', async () => {
    const onAda = await upload(world.grace, { ticketId: ticket.id, bytes: randomBytes(10) });
    const nowhere = await upload(world.grace, { ticketId: newId(), bytes: randomBytes(10) });
    expect(onAda.status).toBe(404);
    expect(onAda.body).toEqual(nowhere.body);
    expect((await upload(world.sam, { ticketId: ticket.id, bytes: randomBytes(10) })).status).toBe(201);
    expect(await storedCount()).toBe(1);
  });

  it("serves the ticket's customer and every agent; another customer gets the same 404 as a missing id; signed out 401", async () => {
    const fromAda = upload(world.ada, { ticketId: ticket.id, bytes: randomBytes(10) });
    const fromSam = upload(world.sam, { ticketId: ticket.id, bytes: randomBytes(10) });
    expect([(await fromAda).status, (await fromSam).status]).toEqual([201, 201]);
    for (const id of [fromAda.id, fromSam.id]) {
      expect((await download(world.ada, id)).status).toBe(200);
      expect((await download(world.sam, id)).status).toBe(200);
      const refused = await download(world.grace, id);
      const missing = await download(world.grace, newId());
      expect([refused.status, missing.status]).toEqual([404, 404]);
      expect(refused.body.toString()).toBe(missing.body.toString());
      expect((await download({ http: world.app.agent() }, id)).status).toBe(401);
    }
  });

  it("keeps an agent's file for an internal note from the customer (404), and refuses customers internal uploads (403)", async () => {
    const note = upload(world.sam, { ticketId: ticket.id, bytes: randomBytes(10), visibility: 'internal' });
    expect((await note).body.visibility).toBe('internal');
    expect((await download(world.sam, note.id)).status).toBe(200);
    const hidden = await download(world.ada, note.id);
    expect(hidden.status).toBe(404);
    expect(hidden.body.toString()).toBe((await download(world.ada, newId())).body.toString());
    expect((await upload(world.ada, { ticketId: ticket.id, bytes: randomBytes(10), visibility: 'internal' })).status).toBe(403);
  });

  it('answers signed-out uploads 401 and other methods 405', async () => {
    const res = await world.app.agent().put(`/api/attachments/${newId()}?ticketId=${ticket.id}`).send(Buffer.from('x'));
    expect(res.status).toBe(401);
    expect((await world.ada.http.delete(`/api/attachments/${newId()}`)).status).toBe(405);
    expect((await world.ada.http.get('/api/attachments/a/b')).status).toBe(404);
  });
});

/** What every download carries, inline or not. */
const SAFE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
  'content-security-policy': "sandbox; default-src 'none'",
};

describe('safe to open', () => {
  it('serves an SVG with a script as a download: octet-stream, nosniff, no-store and a sandboxing CSP', async () => {
    const sent = upload(world.ada, { ticketId: ticket.id, bytes: SVG_WITH_SCRIPT, name: 'logo.svg', type: 'image/svg+xml' });
    expect((await sent).body).toMatchObject({ declaredType: 'image/svg+xml', sniffedType: null });
    const got = await download(world.sam, sent.id);
    expect(got.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment; filename="logo.svg"',
      ...SAFE_HEADERS,
    });
  });

  it('serves a PNG inline as image/png whatever the name and type it was sent with, still sandboxed', async () => {
    const sent = upload(world.ada, { ticketId: ticket.id, bytes: PNG_BYTES, name: 'screenshot.html', type: 'text/html' });
    expect((await sent).body).toMatchObject({ declaredType: 'text/html', sniffedType: 'image/png' });
    const got = await download(world.ada, sent.id);
    expect(got.headers).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': 'inline; filename="screenshot.html"',
      ...SAFE_HEADERS,
    });
    expect(sameBytes(got.body as Buffer, PNG_BYTES)).toBe(true);
  });

  it('sanitises the name, with an ASCII fallback and RFC 5987 filename* for the rest', async () => {
    const sent = upload(world.ada, { ticketId: ticket.id, bytes: randomBytes(10), name: '../Rechnung "März"\r\n.pdf' });
    expect((await sent).body.name).toBe('Rechnung _März___.pdf');
    const got = await download(world.ada, sent.id);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="Rechnung _M_rz___.pdf"; filename*=UTF-8''Rechnung%20_M%C3%A4rz___.pdf`);
  });
});
