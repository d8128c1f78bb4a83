/**
 * A test stand-in for a CouchDB 3 cluster's sequences in front of pouchdb-server: every seq it answers (change
 * rows, `last_seq`, `update_seq`) becomes an opaque string like a cluster's (`{n}-g1AAAA…`, different on every
 * answer), a plain number given as `since` is refused as CouchDB 3 refuses it, and, when asked to rewind, now
 * and then a feed is answered from an earlier position (as after a node failure: changes repeat, none is skipped).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The running proxy. */
export interface OpaqueSeqProxy {
  url: string;
  /** How many feed answers were rewound so far. */
  rewinds(): number;
  close(): Promise<void>;
}

/** How often a feed is answered from an earlier position: every `REWIND_EVERY`-th `_changes` request. */
const REWIND_EVERY = 7;
/** How far a rewind goes back. */
const REWIND_BY = 3;

/** Where a test reads how many feed answers were rewound so far (`{ rewinds }`). */
export const REWINDS_PATH = '/_harbor_test/rewinds';

const opaque = (n: number): string => `${n}-g1AAAA${randomBytes(12).toString('base64url')}`;

/** The numeric position an opaque seq stands for, or null when it is not one this proxy gave out. */
function positionOf(seq: string): number | null {
  const match = /^(\d+)-g1AAAA[A-Za-z0-9_-]+$/.exec(seq);
  return match ? Number(match[1]) : null;
}

function rewriteSeqs(body: Record<string, unknown>): void {
  if (typeof body.last_seq === 'number') body.last_seq = opaque(body.last_seq);
  if (typeof body.update_seq === 'number') body.update_seq = opaque(body.update_seq);
  if (Array.isArray(body.results)) {
    for (const row of body.results as { seq?: unknown }[]) if (typeof row.seq === 'number') row.seq = opaque(row.seq);
  }
}

/** Starts the proxy on a free loopback port in front of `target` (pouchdb-server's base URL). */
export async function startOpaqueSeqProxy(target: string, options: { rewind: boolean }): Promise<OpaqueSeqProxy> {
  const upstream = new URL(target);
  let feeds = 0;
  let rewound = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', upstream);
    if (url.pathname === REWINDS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ rewinds: rewound }));
      return;
    }
    const isChanges = /\/_changes$/.test(url.pathname);
    if (isChanges) {
      const since = url.searchParams.get('since');
      if (since !== null && since !== 'now' && since !== '0') {
        const n = positionOf(since);
        if (n === null) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'bad_request', reason: 'Malformed sequence supplied in \'since\' parameter.' }));
          return;
        }
        feeds += 1;
        const rewind = options.rewind && feeds % REWIND_EVERY === 0 && n > 0;
        if (rewind) rewound += 1;
        url.searchParams.set('since', String(rewind ? Math.max(0, n - REWIND_BY) : n));
      }
    }
    const forward = http.request(
      url,
      { method: req.method, headers: { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' } },
      (answer) => {
        const type = String(answer.headers['content-type'] ?? '');
        const isInfo = req.method === 'GET' && /^\/[^/_][^/]*\/?$/.test(url.pathname);
        if (!(isChanges || isInfo) || !type.includes('json')) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let text = Buffer.concat(chunks as Uint8Array[]).toString('utf8');
          try {
            const body = JSON.parse(text) as Record<string, unknown>;
            rewriteSeqs(body);
            text = JSON.stringify(body);
          } catch {
            // Not JSON after all: pass it on as it came.
          }
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(text);
        });
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad_gateway', reason: 'pouchdb-server did not answer' }));
    });
    res.on('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rewinds: () => rewound,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
