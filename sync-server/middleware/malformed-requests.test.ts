/** Requests Node refuses before Express (headers over 16 KB, broken HTTP) get a JSON refusal like every other one. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerMalformedRequestsAsJson } from './malformed-requests';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

/** A server answering 200 to anything it can parse, with the JSON answers for what it cannot. */
async function listening(): Promise<string> {
  server = createServer((_req, res) => res.end('ok'));
  answerMalformedRequestsAsJson(server);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends `raw` over a plain socket and returns everything the server wrote before closing. */
function rawExchange(host: string, raw: string): Promise<string> {
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname!, () => socket.write(raw));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('malformed requests', () => {
  it('answers an address over the 16 KB header limit with 431 and a JSON reason', async () => {
    const host = await listening();
    const res = await fetch(`http://${host}/db/tickets/_changes?since=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: 'header_too_large', reason: expect.stringContaining('over 16 KB') });
    expect((await fetch(`http://${host}/db/tickets/_changes?since=0`)).status).toBe(200);
  });

  it('answers a request that is not HTTP with 400 and a JSON reason', async () => {
    const host = await listening();
    const answer = await rawExchange(host, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({ error: 'bad_request', reason: 'This request is not valid HTTP.' });
  });
});
