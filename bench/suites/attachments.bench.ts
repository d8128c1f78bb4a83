// Issue 13: a 10 MB attachment's upload (PUT /api/attachments/{id}, hashed and stored) and download through our
// server, in turns with the same bytes copied to and from a file by a plain Node HTTP server on loopback (the anchor).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BenchContext, BenchResult } from '../bench-types';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import { signInClient } from '../support/couch-client';
import { BENCH_PASSWORD, bulkWrite, startHarborChild } from '../support/harbor-server';
import { medianResult, ratioResult } from '../support/result';
import { benchCustomer } from '../support/seed-data';

const GROUP = 'Attachments (10 MB)';
const SIZE = 10 * 1024 * 1024;

/** A plain HTTP server that writes a PUT body to a file and streams it back on GET: what a copy costs on loopback. */
async function plainCopyServer(dir: string): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = join(dir, 'copy.bin');
    if (req.method === 'PUT') {
      pipeline(req, createWriteStream(file)).then(() => res.writeHead(201).end(), () => res.writeHead(500).end());
    } else {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      pipeline(createReadStream(file), res).catch(() => res.destroy());
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function expectOk(res: Response, what: string): Promise<ArrayBuffer> {
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${Buffer.from(body).toString('utf8', 0, 200)}`);
  return body;
}

/** Runs the upload and download measurements. */
export default async function attachments(ctx: BenchContext): Promise<BenchResult[]> {
  const runs = ctx.quick ? 3 : 7;
  const customer = benchCustomer(0);
  const { id: ticketId, ...ticket } = aTicket(customer, { id: newId(), number: 1 });
  const server = await startHarborChild({ users: [customer], fill: (storage) => bulkWrite(storage.tickets, [{ _id: ticketId, ...ticket }]) });
  const dir = mkdtempSync(join(tmpdir(), 'harbor-bench-copy-'));
  const plain = await plainCopyServer(dir);
  try {
    const { cookie } = await signInClient(server.baseUrl, customer.email, BENCH_PASSWORD);
    const bytes = new Uint8Array(randomBytes(SIZE));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const up: number[] = [];
    const down: number[] = [];
    const plainUp: number[] = [];
    const plainDown: number[] = [];
    for (let run = 0; run < runs; run++) {
      const id = newId();
      const query = new URLSearchParams({ ticketId, name: 'dump.bin', size: String(SIZE), sha256 });
      up.push(await timed(async () => {
        await expectOk(await fetch(`${server.baseUrl}/api/attachments/${id}?${query}`, {
          method: 'PUT', body: bytes, headers: { cookie, 'content-type': 'application/octet-stream' },
        }), 'the upload');
      }));
      plainUp.push(await timed(async () => void (await expectOk(await fetch(`${plain.baseUrl}/copy`, { method: 'PUT', body: bytes }), 'the plain copy'))));
      down.push(await timed(async () => {
        const body = await expectOk(await fetch(`${server.baseUrl}/api/attachments/${id}`, { headers: { cookie } }), 'the download');
        if (body.byteLength !== SIZE) throw new Error(`the download had ${body.byteLength} bytes`);
      }));
      plainDown.push(await timed(async () => void (await expectOk(await fetch(`${plain.baseUrl}/copy`), 'the plain copy'))));
      ctx.log(`attachments run ${run + 1}/${runs}: up ${Math.round(up.at(-1)!)} ms (plain ${Math.round(plainUp.at(-1)!)}), down ${Math.round(down.at(-1)!)} ms (plain ${Math.round(plainDown.at(-1)!)})`);
    }
    const note = 'plain: a bare Node HTTP server on loopback copying the same bytes to and from a file, in turns';
    return [
      medianResult('attach.up', GROUP, 'upload: PUT /api/attachments, hashed and stored', up, 'ms'),
      medianResult('attach.up.plain', GROUP, 'upload anchor: plain HTTP copy to a file', plainUp, 'ms', { note }),
      ratioResult('attach.up.ratio', GROUP, 'upload against the plain copy', up, plainUp),
      medianResult('attach.down', GROUP, 'download: GET /api/attachments', down, 'ms'),
      medianResult('attach.down.plain', GROUP, 'download anchor: plain HTTP copy from a file', plainDown, 'ms', { note }),
      ratioResult('attach.down.ratio', GROUP, 'download against the plain copy', down, plainDown),
    ];
  } finally {
    await plain.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
