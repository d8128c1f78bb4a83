/** Helpers for the attachment tests: uploads through supertest, byte-exact downloads, SHA-256 of test bytes. */
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { newId } from '../../app/model/ids';
import type { Person } from './db-test-helpers';

/** The lowercase hex SHA-256 of `bytes`. */
export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes as Uint8Array).digest('hex');

/** Whether two byte strings are the same, byte for byte. */
export const sameBytes = (a: Buffer, b: Buffer): boolean => Buffer.compare(a as Uint8Array, b as Uint8Array) === 0;

/** What an upload sends; the size and hash default to the bytes' own. */
export interface TestUpload {
  id?: string;
  ticketId: string;
  bytes: Buffer;
  name?: string;
  type?: string;
  visibility?: 'public' | 'internal';
  size?: number;
  sha256?: string;
}

/** `PUT /api/attachments/{id}` with the raw bytes as the body; the id is made when none is given. */
export function upload(person: Person, input: TestUpload): Promise<Response> & { id: string } {
  const id = input.id ?? newId();
  const query = new URLSearchParams({
    ticketId: input.ticketId,
    name: input.name ?? 'file.bin',
    size: String(input.size ?? input.bytes.length),
    sha256: input.sha256 ?? sha256Of(input.bytes),
    ...(input.visibility && { visibility: input.visibility }),
  });
  const sent = person.http.put(`/api/attachments/${id}?${query}`).set('content-type', input.type ?? 'application/octet-stream')
    // As they are: superagent would turn bytes sent as application/json into JSON of a Buffer.
    .serialize((body: unknown) => body as string)
    .send(input.bytes);
  return Object.assign(Promise.resolve(sent), { id });
}

/** Collects a binary answer whatever its type (superagent parses only types it knows). */
function binary(res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks as Uint8Array[])));
}

/** `GET /api/attachments/{id}` with the body as bytes (`body` is a Buffer for 200). */
export function download(person: Pick<Person, 'http'>, id: string): Promise<Response> {
  return Promise.resolve(person.http.get(`/api/attachments/${id}`).buffer(true).parse(binary as never));
}

/** A few bytes that begin like a PNG (the server reads the signature; it never decodes images). */
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image data')] as Uint8Array[]);

/** An SVG that would run script if it were ever opened as a page. */
export const SVG_WITH_SCRIPT = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
