/**
 * Upload bounds over a real socket: a body past ATTACHMENT_MAX_BYTES is refused (413) before it is read whole,
 * whether its Content-Length says so or a chunked body passes the bound mid-stream, and an upload cut mid-body
 * keeps nothing, so that sending it again stores it once; one user holds only a few uploads in flight at once.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../app/model/ids';
import type { TicketDoc } from '../../app/model/ticket.schema';
import { TEST_PASSWORD } from '../test-support/test-app';
import { download, sha256Of, upload } from './attachment-test-helpers';
import { createAdaTicket, createDbWorld, type DbWorld } from './db-test-helpers';
import { UPLOADS_PER_USER, uploadSlotsFor } from './upload-slots';

const MAX = 1_000;
/** How long a wait on the server's count may take (over CouchDB each upload first reads its ticket there). */
const WAIT = { timeout: 10_000, interval: 20 };

let world: DbWorld;
let server: Server;
let port: number;
let cookie: string;
let ticket: TicketDoc;

beforeAll(async () => {
  world = await createDbWorld(300, { attachmentMaxBytes: MAX });
  ticket = (await createAdaTicket(world)).ticket;
  server = await new Promise<Server>((ok) => {
    const s = world.app.app.listen(0, '127.0.0.1', () => ok(s));
  });
  port = (server.address() as AddressInfo).port;
  const signIn = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ada@example.com', password: TEST_PASSWORD }),
  });
  cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((ok) => server?.close(ok));
  await world?.app.close();
});

/** An upload whose body the test writes by hand; `answer` resolves with the status and body once answered. */
function openUpload(id: string, bytes: Buffer, headers: Record<string, string>, ticketId = ticket.id) {
  const path = `/api/attachments/${id}?ticketId=${ticketId}&name=cut.bin&size=${bytes.length}&sha256=${sha256Of(bytes)}`;
  const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path, headers: { cookie, ...headers } });
  req.on('error', () => undefined); // the server closes a refused upload's connection; the test reads the answer
  const answer = new Promise<{ status: number; body: unknown }>((resolve) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks as Uint8Array[]).toString()) }));
    });
  });
  return { req, answer };
}

describe('upload bounds', () => {
  it('answers a Content-Length past the bound with 413 before a byte of the body is sent', async () => {
    const bytes = randomBytes(MAX + 1);
    const { req, answer } = openUpload(newId(), bytes, { 'content-length': String(bytes.length) });
    req.flushHeaders();
    const { status, body } = await answer;
    req.destroy();
    expect(status).toBe(413);
    expect(body).toEqual({ error: 'payload_too_large', reason: expect.stringContaining('1,000 bytes') });
  });

  it('refuses an upload to a ticket the uploader cannot see before a byte of its body is sent', async () => {
    const bytes = randomBytes(MAX);
    const { req, answer } = openUpload(newId(), bytes, { 'content-length': String(bytes.length) }, newId());
    req.flushHeaders();
    const { status, body } = await answer;
    req.destroy();
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'not_found', reason: 'No such ticket.' });
  });

  it('answers a chunked body with 413 the moment it passes the bound, though the body never ended', async () => {
    const bytes = randomBytes(MAX * 3);
    const { req, answer } = openUpload(newId(), bytes, { 'transfer-encoding': 'chunked' });
    req.write(bytes.subarray(0, 600));
    req.write(bytes.subarray(600, 1_200));
    const { status, body } = await answer;
    req.destroy();
    expect(status).toBe(413);
    expect(body).toMatchObject({ error: 'payload_too_large' });
    expect(await world.app.storage.attachments.docCount()).toBe(0);
  });

  it('refuses a declared size past the bound with 413 too, and takes an upload of exactly the bound', async () => {
    const over = await upload(world.ada, { ticketId: ticket.id, bytes: Buffer.from('x'), size: MAX + 1 });
    expect(over.status).toBe(413);
    expect((await upload(world.ada, { ticketId: ticket.id, bytes: randomBytes(MAX) })).status).toBe(201);
  });

  it('keeps nothing of an upload cut mid-body; sent again whole, it is stored once', async () => {
    const before = await world.app.storage.attachments.docCount();
    const bytes = randomBytes(800);
    const id = newId();
    const serverSide = new Promise<Socket>((ok) => server.once('connection', ok));
    const begun = new Promise((ok) => server.once('request', ok));
    const { req } = openUpload(id, bytes, { 'content-length': String(bytes.length) });
    await new Promise<void>((ok) => req.write(bytes.subarray(0, 400), () => ok()));
    await begun;
    const socket = await serverSide;
    const closed = new Promise((ok) => socket.once('close', ok));
    req.destroy();
    await closed;
    expect((await download(world.ada, id)).status).toBe(404);
    expect(await world.app.storage.attachments.docCount()).toBe(before);

    const whole = await upload(world.ada, { id, ticketId: ticket.id, bytes, name: 'cut.bin' });
    expect(whole.status).toBe(201);
    expect((await upload(world.ada, { id, ticketId: ticket.id, bytes, name: 'cut.bin' })).status).toBe(200);
    const got = await download(world.ada, id);
    expect(sha256Of(got.body as Buffer)).toBe(sha256Of(bytes));
    expect(await world.app.storage.attachments.docCount()).toBe(before + 1);
  });

  it(`holds at most ${UPLOADS_PER_USER} uploads of one user at once: one more is 429 with Retry-After, and goes once one ends`, async () => {
    const slots = uploadSlotsFor(world.app.storage)!;
    const heldByAda = () => slots.heldBy(world.ada.user.id);
    const bytes = randomBytes(MAX);
    const held = Array.from({ length: UPLOADS_PER_USER }, () => openUpload(newId(), bytes, { 'content-length': String(bytes.length) }));
    held.forEach(({ req }) => req.flushHeaders());
    await vi.waitFor(() => expect(heldByAda()).toBe(UPLOADS_PER_USER), WAIT);
    const refused = await upload(world.ada, { ticketId: ticket.id, bytes: randomBytes(10) });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    held[0]!.req.end(bytes);
    expect((await held[0]!.answer).status).toBe(201);
    await vi.waitFor(() => expect(heldByAda()).toBe(UPLOADS_PER_USER - 1), WAIT);
    expect((await upload(world.ada, { ticketId: ticket.id, bytes: randomBytes(10) })).status).toBe(201);
    for (const { req } of held.slice(1)) req.destroy();
    await vi.waitFor(() => expect(heldByAda()).toBe(0), WAIT);
  });
});
