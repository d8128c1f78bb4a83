/**
 * Attachments as stored: one document per attachment in `storage.attachments`, its metadata as fields and its
 * bytes as the document's one CouchDB attachment, written together in one write so neither is ever kept alone.
 * Each is bound to its uploader and its ticket; an upload sent again (after a cut, say) is the same attachment,
 * stored once. No deduplication across users: the same bytes from two people are two attachments.
 */
import type { Visibility } from '../../app/model/constants';
import type { SessionUser } from '../session-user';
import { sniffImageType } from './attachment-sniff';
import type { Storage } from './storage';
import { isConflict, isNotFound, type StoredDocument } from './storage-engine';

/** The name of the one CouchDB attachment each attachment document holds. */
const BYTES = 'bytes';

/** An attachment's metadata, as stored and as the upload is answered. */
export interface AttachmentMeta {
  id: string;
  ticketId: string;
  /** The ticket's customer (it never changes), so a download needs no ticket read. */
  customerId: string;
  uploaderId: string;
  uploaderRole: SessionUser['role'];
  /** `internal`: agents only (an agent's file for an internal note). */
  visibility: Visibility;
  name: string;
  /** The type the uploader's device said, kept for the record; never used to serve the bytes. */
  declaredType: string;
  /** The type read from the bytes: one of the raster images, or null. */
  sniffedType: string | null;
  size: number;
  sha256: string;
  createdAt: number;
}

/** An upload whose bytes were read whole and whose size and hash were checked, for a ticket its uploader can see. */
export interface CheckedUpload {
  id: string;
  ticketId: string;
  /** The ticket's customer, from `uploadTicketCustomer`. */
  customerId: string;
  visibility: Visibility;
  name: string;
  declaredType: string;
  bytes: Buffer;
  sha256: string;
}

/** What an upload came to. */
export type StoreOutcome =
  | { kind: 'stored' | 'already stored'; meta: AttachmentMeta }
  /** The id is held by another upload (other bytes, another ticket, another user): the caller needs a new id. */
  | { kind: 'id taken' };

const FIELDS = ['ticketId', 'customerId', 'uploaderId', 'uploaderRole', 'visibility', 'name', 'declaredType', 'sniffedType', 'size', 'sha256', 'createdAt'] as const;

function metaOf(doc: StoredDocument): AttachmentMeta {
  return { id: doc._id, ...Object.fromEntries(FIELDS.map((field) => [field, doc[field]])) } as unknown as AttachmentMeta;
}

/** The same upload again: everything the uploader chose, the bytes included, is what is stored. */
function isSameUpload(meta: AttachmentMeta, user: SessionUser, upload: CheckedUpload): boolean {
  return meta.uploaderId === user.id && meta.ticketId === upload.ticketId && meta.visibility === upload.visibility
    && meta.name === upload.name && meta.declaredType === upload.declaredType && meta.size === upload.bytes.length
    && meta.sha256 === upload.sha256;
}

async function readMeta(storage: Storage, id: string): Promise<AttachmentMeta | undefined> {
  try {
    return metaOf(await storage.attachments.get(id));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The stored attachments among `ids`, by id, in one storage read (a message names up to ATTACHMENT_MAX_FILES at
 * once); missing and deleted ones are left out.
 */
export async function readAttachmentMetas(storage: Storage, ids: readonly string[]): Promise<Map<string, AttachmentMeta>> {
  const metas = new Map<string, AttachmentMeta>();
  if (ids.length === 0) return metas;
  const rows = await storage.attachments.allDocs({ keys: [...new Set(ids)], includeDocs: true });
  for (const row of rows) {
    if ('doc' in row && row.doc && !row.value.deleted) metas.set(row.id, metaOf(row.doc));
  }
  return metas;
}

/**
 * The ticket's customer when `user` may upload to it (their own ticket, or any for an agent); undefined when it does
 * not exist for them (missing, or another customer's). Asked before the body is read, so a refusal costs no upload.
 */
export async function uploadTicketCustomer(storage: Storage, user: SessionUser, ticketId: string): Promise<string | undefined> {
  let ticket: StoredDocument;
  try {
    ticket = await storage.tickets.get(ticketId);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const customerId = typeof ticket.customerId === 'string' ? ticket.customerId : undefined;
  return user.role === 'agent' || customerId === user.id ? customerId : undefined;
}

function answerFor(existing: AttachmentMeta, user: SessionUser, upload: CheckedUpload): StoreOutcome {
  return isSameUpload(existing, user, upload) ? { kind: 'already stored', meta: existing } : { kind: 'id taken' };
}

/** Stores `upload` for `user` on its ticket, once; see the module's comment. */
export async function storeAttachment(storage: Storage, user: SessionUser, upload: CheckedUpload): Promise<StoreOutcome> {
  const existing = await readMeta(storage, upload.id);
  if (existing) return answerFor(existing, user, upload);
  const sniffedType = sniffImageType(upload.bytes);
  const meta: AttachmentMeta = {
    id: upload.id, ticketId: upload.ticketId, customerId: upload.customerId, uploaderId: user.id, uploaderRole: user.role,
    visibility: upload.visibility, name: upload.name, declaredType: upload.declaredType, sniffedType,
    size: upload.bytes.length, sha256: upload.sha256, createdAt: Date.now(),
  };
  const { id, ...fields } = meta;
  let rev: string;
  try {
    ({ rev } = await storage.attachments.putWithAttachment(
      { _id: id, ...fields },
      { name: BYTES, contentType: sniffedType ?? 'application/octet-stream', data: upload.bytes },
    ));
  } catch (error) {
    // The same upload arriving twice at once (a device retrying while its first try still runs): one write wins.
    const raced = isConflict(error) ? await readMeta(storage, upload.id) : undefined;
    if (!raced) throw error;
    return answerFor(raced, user, upload);
  }
  // On a CouchDB cluster both writes can be taken, on different copies, as conflicting revisions: the winning one
  // is the attachment, the others are removed, and a writer whose revision lost is answered as the winner's.
  const stored = await storage.attachments.get(id, { conflicts: true });
  if (stored._conflicts?.length) {
    await storage.attachments.bulkDocs(stored._conflicts.map((each) => ({ _id: id, _rev: each, _deleted: true })));
    if (stored._rev !== rev) return answerFor(metaOf(stored), user, upload);
  }
  return { kind: 'stored', meta };
}

/** Whether `user` may read the attachment: the ticket's customer (unless it is internal) and every agent. */
export function maySee(user: SessionUser, meta: AttachmentMeta): boolean {
  return user.role === 'agent' || (meta.customerId === user.id && meta.visibility !== 'internal');
}

/** The attachment and its bytes when `user` may read it; undefined when it is missing or not theirs (the same). */
export async function readAttachment(storage: Storage, user: SessionUser, id: string): Promise<{ meta: AttachmentMeta; bytes: Buffer } | undefined> {
  const meta = await readMeta(storage, id);
  if (!meta || !maySee(user, meta)) return undefined;
  return { meta, bytes: await storage.attachments.getAttachment(id, BYTES) };
}

/** The stored metadata and bytes of attachment `id`, read by the server for itself (outbound mail); undefined when missing. */
export async function readAttachmentForServer(storage: Storage, id: string): Promise<{ meta: AttachmentMeta; bytes: Buffer } | undefined> {
  const meta = await readMeta(storage, id);
  return meta && { meta, bytes: await storage.attachments.getAttachment(id, BYTES) };
}
