/**
 * The same mail stored once: a create-once record in `storage.mail` per sender and Message-ID, holding the ids its
 * documents are written under. Another arrival of it (the MTA retrying, the customer sending it again) finds the
 * record: when its message is stored it is a duplicate; when not, the first attempt failed or is still running, so
 * it waits (451) until the claim is stale and then writes under the same ids, which stores nothing twice. On a
 * CouchDB cluster two nodes cut apart may both take a claim; read back with its conflicts, the winner rules.
 */
import { createHash, randomUUID } from 'node:crypto';
import { newId } from '../../app/model/ids';
import type { Storage } from '../services/storage';
import { isConflict, isNotFound, type StoredDocument } from '../services/storage-engine';
import { deferred } from './inbound-refusal';

/** A claim older than this is taken over: its server stopped before storing the message. */
const STALE_CLAIM_MS = 5 * 60 * 1000;

/** The ids a mail's documents are written under, the same at every attempt. */
export interface InboundIds {
  /** The message's id (and, for a new ticket, the ticket's and its conversation's). */
  messageId: string;
  /** When the message was first received (its `createdAt`). */
  receivedAt: number;
}

/** What the record says about this arrival of a mail. */
export type InboundClaim = { kind: 'new'; ids: InboundIds } | { kind: 'duplicate' };

interface InboundRecord extends InboundIds {
  type: 'inbound-message';
  sender: string;
  messageIdHeader: string;
  claimToken: string;
}

/** The record's id: a hash, so any Message-ID (long, odd characters) makes a valid document id. */
export function inboundRecordId(sender: string, messageIdHeader: string): string {
  return `inbound:${createHash('sha256').update(`${sender}\n${messageIdHeader}`).digest('hex')}`;
}

async function messageStored(storage: Storage, id: string): Promise<boolean> {
  try {
    await storage.messages.get(id);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

async function whenTaken(storage: Storage, winner: InboundRecord, now: number): Promise<InboundClaim> {
  if (await messageStored(storage, winner.messageId)) return { kind: 'duplicate' };
  if (now - winner.receivedAt < STALE_CLAIM_MS) throw deferred('This message is being received; try again in a few minutes.');
  return { kind: 'new', ids: { messageId: winner.messageId, receivedAt: winner.receivedAt } };
}

/** Claims the mail `messageIdHeader` from `sender` (without a Message-ID every arrival is new). */
export async function claimInbound(storage: Storage, sender: string, messageIdHeader: string | undefined, now = Date.now()): Promise<InboundClaim> {
  const ids: InboundIds = { messageId: newId(), receivedAt: now };
  if (!messageIdHeader) return { kind: 'new', ids };
  const record: InboundRecord = { type: 'inbound-message', sender, messageIdHeader, claimToken: randomUUID(), ...ids };
  const _id = inboundRecordId(sender, messageIdHeader);
  try {
    await storage.mail.put({ _id, ...record });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  const winner = (await storage.mail.get(_id, { conflicts: true })) as StoredDocument & InboundRecord;
  return winner.claimToken === record.claimToken ? { kind: 'new', ids } : whenTaken(storage, winner, now);
}

/** Gives the claim back after a refusal, so that the mail sent again is judged again (a deferred one, say). */
export async function releaseInbound(storage: Storage, sender: string, messageIdHeader: string | undefined, ids: InboundIds): Promise<void> {
  if (!messageIdHeader) return;
  const _id = inboundRecordId(sender, messageIdHeader);
  try {
    const stored = (await storage.mail.get(_id)) as StoredDocument & InboundRecord;
    if (stored.messageId === ids.messageId && !(await messageStored(storage, ids.messageId))) await storage.mail.remove(_id, stored._rev);
  } catch (error) {
    if (!isNotFound(error) && !isConflict(error)) throw error;
  }
}
