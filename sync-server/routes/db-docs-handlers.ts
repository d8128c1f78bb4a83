/** `_all_docs` (POST with a body, GET with `keys` in the query) and `_bulk_docs` (writes through the document writer). */
import type { RequestHandler } from 'express';
import type { CollectionName, FeedCollection } from '../../app/model/constants';
import type { SessionUser } from '../../app/model/user';
import { HttpError } from '../middleware/http-error';
import { writeDocuments } from '../services/document-writer';
import { readAllDocs } from '../services/feed-all-docs';
import type { DbContext } from './db-context';
import { checkDocs, checkKeys, readFlag, readKeysParam } from './db-query';

function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** `POST /db/{c}/_all_docs` `{keys, include_docs}`; `deleted` is accepted and changes nothing. */
export function postAllDocsHandler(ctx: DbContext): RequestHandler {
  return async (req, res) => {
    const body = bodyObject(req.body);
    if (body.keys === undefined) throw new HttpError(400, 'bad_request', 'keys are required');
    const keys = checkKeys(body.keys);
    const includeDocs = body.include_docs === true;
    const collection = req.params.collection as FeedCollection;
    res.json(await readAllDocs(ctx.storage, req.session.user as SessionUser, collection, keys, includeDocs));
  };
}

/** `GET /db/{c}/_all_docs?include_docs=true&keys=[...]`. */
export function getAllDocsHandler(ctx: DbContext): RequestHandler {
  return async (req, res) => {
    const keys = readKeysParam(req.query);
    if (keys === undefined) throw new HttpError(400, 'bad_request', 'keys are required');
    const includeDocs = readFlag(req.query, 'include_docs', false);
    const collection = req.params.collection as FeedCollection;
    res.json(await readAllDocs(ctx.storage, req.session.user as SessionUser, collection, keys, includeDocs));
  };
}

/**
 * `POST /db/{c}/_bulk_docs` `{docs}`. Refused whole before anything is written: `new_edits: false`, too many
 * documents, or a user past their write limit (429, and RxDB sends the batch again later).
 */
export function bulkDocsHandler(ctx: DbContext): RequestHandler {
  return async (req, res) => {
    const body = bodyObject(req.body);
    if (body.new_edits !== undefined && body.new_edits !== true) {
      throw new HttpError(400, 'bad_request', 'new_edits: false is not supported; the server keeps the revisions.');
    }
    const docs = checkDocs(body.docs);
    const user = req.session.user as SessionUser;
    await ctx.writeLimit.charge(user.id, docs.length);
    const results = await writeDocuments({ ...ctx, index: await ctx.index }, user, req.params.collection as CollectionName, docs);
    res.status(201).json(results);
  };
}
