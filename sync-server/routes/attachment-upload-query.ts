/** What an upload says about itself, from its query and `Content-Type`, checked before a byte of its body is read. */
import type { Request } from 'express';
import { ATTACHMENT_ID, attachmentMediaType, sanitiseAttachmentName } from '../../app/model/attachment';
import { LIMITS, VISIBILITIES, type Visibility } from '../../app/model/constants';
import { HttpError } from '../middleware/http-error';

/** An upload's declared facts; `size` and `sha256` are checked against the bytes once they are read. */
export interface UploadQuery {
  id: string;
  ticketId: string;
  name: string;
  visibility: Visibility;
  declaredType: string;
  size: number;
  sha256: string;
}

const TICKET_ID = /^[^_]/;
const SHA256 = /^[0-9a-f]{64}$/i;
const SIZE = /^\d{1,15}$/;

const bad = (reason: string) => new HttpError(400, 'bad_request', reason);

/** One query value as a string; a repeated or bracketed parameter is refused. */
function single(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(`Give ${name} once.`);
  return value;
}

function required(req: Request, name: string): string {
  const value = single(req, name);
  if (value === undefined || value === '') throw bad(`The upload needs ${name} in its query.`);
  return value;
}

/** Reads and checks `PUT /api/attachments/:id?ticketId&name&size&sha256[&visibility]`; throws a 400 `HttpError`. */
export function readUploadQuery(req: Request): UploadQuery {
  const id = String(req.params.id);
  if (!ATTACHMENT_ID.test(id)) throw bad('An attachment id is 1 to 64 letters, digits, - or _, not starting with - or _.');
  const ticketId = required(req, 'ticketId');
  if (ticketId.length > LIMITS.idMax || !TICKET_ID.test(ticketId)) throw bad('ticketId is not a ticket id.');
  const size = required(req, 'size');
  if (!SIZE.test(size)) throw bad('size is the number of bytes, a whole number.');
  const sha256 = required(req, 'sha256');
  if (!SHA256.test(sha256)) throw bad('sha256 is the SHA-256 of the bytes, 64 hex digits.');
  const visibility = single(req, 'visibility') ?? 'public';
  if (!(VISIBILITIES as readonly string[]).includes(visibility)) throw bad('visibility is public or internal.');
  return {
    id,
    ticketId,
    name: sanitiseAttachmentName(required(req, 'name')),
    visibility: visibility as Visibility,
    declaredType: attachmentMediaType(req.get('content-type')),
    size: Number(size),
    sha256: sha256.toLowerCase(),
  };
}
