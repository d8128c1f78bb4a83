/**
 * `/api/attachments/{id}`: an attachment's bytes, through their own endpoint (RxDB's replication carries no
 * attachments). `PUT` uploads the raw body once (the same upload again is answered as the first), bound to the
 * uploader and a ticket they can see; `GET` (and `HEAD`) serve it to the ticket's customer and to agents, with the
 * headers of `attachment-headers.ts`. Anyone else gets the 404 of an id that does not exist.
 */
import express, { type RequestHandler } from 'express';
import type { ServerConfig } from '../config';
import { HttpError } from '../middleware/http-error';
import { methodNotAllowed } from '../middleware/method-not-allowed';
import { requireUser } from '../middleware/require-user';
import { readAttachment, storeAttachment, uploadTicketCustomer, type AttachmentMeta } from '../services/attachment-store';
import type { Storage } from '../services/storage';
import '../session-user';
import { attachmentHeaders } from './attachment-headers';
import { readUploadBody, tooLarge } from './attachment-upload-body';
import { readUploadQuery } from './attachment-upload-query';
import { createUploadSlots } from './upload-slots';

/** What the attachments router needs from the app. */
export interface AttachmentsRouterDeps {
  storage: Storage;
  config: Pick<ServerConfig, 'attachmentMaxBytes'>;
}

const NOT_FOUND = () => new HttpError(404, 'not_found', 'No such attachment.');

/** The upload's answer: its metadata as a device names it in a message, and what the server made of it. */
function uploadAnswer(meta: AttachmentMeta) {
  const { customerId: _customer, ...shown } = meta;
  return shown;
}

function uploadHandler(deps: AttachmentsRouterDeps): RequestHandler {
  const { storage, config } = deps;
  return async (req, res) => {
    const user = req.session.user!;
    const query = readUploadQuery(req);
    if (query.visibility === 'internal' && user.role !== 'agent') {
      throw new HttpError(403, 'forbidden', 'Only agents attach files to internal notes.');
    }
    if (query.size > config.attachmentMaxBytes) throw tooLarge(config.attachmentMaxBytes);
    const customerId = await uploadTicketCustomer(storage, user, query.ticketId);
    if (customerId === undefined) throw new HttpError(404, 'not_found', 'No such ticket.');
    const body = await readUploadBody(req, config.attachmentMaxBytes);
    if (body.bytes.length !== query.size) {
      throw new HttpError(400, 'wrong_size', `The upload has ${body.bytes.length} bytes, not the ${query.size} it declared; nothing was kept.`);
    }
    if (body.sha256 !== query.sha256) {
      throw new HttpError(400, 'wrong_sha256', 'The bytes do not have the SHA-256 the upload declared; nothing was kept.');
    }
    const { size: _size, ...facts } = query;
    const outcome = await storeAttachment(storage, user, { ...facts, customerId, bytes: body.bytes });
    if (outcome.kind === 'id taken') {
      throw new HttpError(409, 'conflict', 'This attachment id is taken by another upload; give the file a new id.');
    }
    res.status(outcome.kind === 'stored' ? 201 : 200).json(uploadAnswer(outcome.meta));
  };
}

function downloadHandler(deps: AttachmentsRouterDeps): RequestHandler {
  return async (req, res) => {
    const found = await readAttachment(deps.storage, req.session.user!, String(req.params.id));
    if (!found) throw NOT_FOUND();
    res.set(attachmentHeaders(found.meta)).send(found.bytes);
  };
}

/** The router mounted at `/api/attachments`, before the JSON body parser (a JSON file is bytes here). */
export function createAttachmentsRouter(deps: AttachmentsRouterDeps): express.Router {
  const router = express.Router();
  router.use(requireUser);
  router.route('/:id').put(createUploadSlots(deps.storage).take, uploadHandler(deps)).get(downloadHandler(deps)).all(methodNotAllowed('GET, HEAD, PUT'));
  router.use(() => {
    throw NOT_FOUND();
  });
  return router;
}
