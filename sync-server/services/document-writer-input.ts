/** Reads one incoming `_bulk_docs` document: CouchDB's `_` fields handled, the rest left for the shape check. */

/** An incoming document split into its id, the revision it was based on, and its model fields. */
export interface IncomingDoc {
  id: string;
  rev: string | undefined;
  fields: Record<string, unknown>;
}

/** A refused incoming document, before anything is looked up. */
export interface InputProblem {
  id: string | null;
  error: 'forbidden' | 'bad_request';
  reason: string;
}

/** Splits `raw` into an `IncomingDoc`, or says why it cannot be written at all. */
export function readIncomingDoc(raw: unknown): IncomingDoc | InputProblem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { id: null, error: 'bad_request', reason: 'each document must be a JSON object' };
  }
  const { _id, _rev, _deleted, _revisions: _ignored, _attachments, ...rest } = raw as Record<string, unknown>;
  if (typeof _id !== 'string' || _id === '') return { id: null, error: 'bad_request', reason: 'the document has no _id' };
  if (_rev !== undefined && typeof _rev !== 'string') return { id: _id, error: 'bad_request', reason: '_rev must be a string' };
  if (_deleted === true) return { id: _id, error: 'forbidden', reason: 'documents cannot be deleted' };
  if (_deleted !== undefined && _deleted !== false) return { id: _id, error: 'bad_request', reason: '_deleted must be a boolean' };
  if (_attachments !== undefined) return { id: _id, error: 'forbidden', reason: 'attachments are not supported' };
  const reserved = Object.keys(rest).find((key) => key.startsWith('_'));
  if (reserved) return { id: _id, error: 'bad_request', reason: `unknown field ${reserved}` };
  if ('id' in rest && rest.id !== _id) return { id: _id, error: 'bad_request', reason: 'id and _id differ' };
  return { id: _id, rev: _rev, fields: { ...rest, id: _id } };
}

/** Whether `readIncomingDoc` refused the document. */
export function isInputProblem(value: IncomingDoc | InputProblem): value is InputProblem {
  return 'error' in value;
}
