/**
 * Reads an upload's raw body with its bound: a `Content-Length` past it is refused before a byte is read, and a
 * body without one (chunked) is counted as it streams and refused the moment it passes the bound, so no more
 * than the bound is ever held. The bytes are hashed as they arrive.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { HttpError } from '../middleware/http-error';

/** The body read whole, and its SHA-256 in lowercase hex. */
export interface UploadBody {
  bytes: Buffer;
  sha256: string;
}

/** The refusal of a body past `maxBytes`; the connection closes after it, so the rest is never read. */
export function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `An attachment may be at most ${maxBytes.toLocaleString('en-US')} bytes.`, {
    connection: 'close',
  });
}

const cutShort = () => new HttpError(400, 'upload_cut', 'The upload ended before its body did; nothing was kept. Send it again.');

/** Rejects with `tooLarge` past `maxBytes`, and with a 400 when the client stops before the body's end. */
export function readUploadBody(req: Request, maxBytes: number): Promise<UploadBody> {
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    // Gone while the ticket was read: its `close` has passed, and waiting for it would hold the upload forever.
    if (req.destroyed && !req.complete) {
      reject(cutShort());
      return;
    }
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onCut);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        // Still flowing without a listener, the rest is dropped as it comes until the answer closes the connection.
        reject(tooLarge(maxBytes));
        return;
      }
      hash.update(chunk as Uint8Array);
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ bytes: Buffer.concat(chunks as Uint8Array[], size), sha256: hash.digest('hex') });
    };
    const onCut = () => {
      stop();
      reject(cutShort());
    };
    const onClose = () => {
      if (!req.complete) onCut();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onCut);
    req.on('close', onClose);
  });
}
