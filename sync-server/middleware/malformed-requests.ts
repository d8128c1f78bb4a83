/**
 * Requests Node refuses before Express sees them (headers over its 16 KB limit, a request line it cannot parse)
 * are answered like every other refusal: a status and a JSON body with `error` and `reason`. Node's own answer
 * has no body at all.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** The raw HTTP answer for a refused request (the connection is closed after it). */
function rawAnswer(status: number, statusText: string, error: string, reason: string): string {
  const body = JSON.stringify({ error, reason });
  return [
    `HTTP/1.1 ${status} ${statusText}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Replaces Node's body-less answers to requests it cannot take (its `clientError` default) on `server`. */
export function answerMalformedRequestsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection reset or already answered has no one left to tell (Node's default does the same).
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = error.code === 'HPE_HEADER_OVERFLOW'
      ? rawAnswer(431, 'Request Header Fields Too Large', 'header_too_large', 'The address and headers of this request are over 16 KB. Use a shorter address.')
      : rawAnswer(400, 'Bad Request', 'bad_request', 'This request is not valid HTTP.');
    socket.end(answer);
  });
}
