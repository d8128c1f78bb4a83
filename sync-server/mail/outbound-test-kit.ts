/** Helpers for the outbound mail suites: an app mailing to a capture SMTP server with short timings, people, and writes as them. */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { CollectionName } from '../../app/model/constants';
import { aMessage, aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { storeAttachment } from '../services/attachment-store';
import { writeDocuments } from '../services/document-writer';
import type { Storage } from '../services/storage';
import { addUser } from '../test-support/test-app';
import type { CaptureSmtp } from '../test-support/capture-smtp';
import type { DeliveryDoc } from './delivery-record';
import type { MailConfig } from './mail-config';
import type { OutboundTimings } from './outbound-timings';

export const MAIL_FROM = 'Acme Support <support@acme.example>';
export const SUPPORT = 'support@acme.example';

/**
 * Milliseconds instead of minutes: retries and lapsed claims show within a test. The SMTP timeout stays long: a
 * sender that gave up on a slow answer (a loaded machine) would send the mail again, as it should, and a count would be off.
 */
export const FAST_TIMINGS: Partial<OutboundTimings> = {
  pollMs: 50, leaseMs: 1_500, smtpTimeoutMs: 15_000, retryBaseMs: 50, retryMaxMs: 200, numberWaitMs: 50,
};

/** `config.mail` sending to `smtp`. */
export function mailTo(smtp: CaptureSmtp): MailConfig {
  return { outbound: { smtpUrl: smtp.url, from: MAIL_FROM, address: SUPPORT } };
}

/** A customer and an agent stored in `storage`. */
export async function addPeople(storage: Storage): Promise<{ ada: SessionUser; sam: SessionUser }> {
  const ada = await addUser(storage, { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace' });
  const sam = await addUser(storage, { role: 'agent', email: 'sam@example.com', name: 'Sam Rivera' });
  return { ada, sam };
}

/** Writes `doc` as `user`, the way `_bulk_docs` does, and expects it stored. */
export async function writeAs(storage: Storage, user: SessionUser, collection: CollectionName, doc: { id: string } & object): Promise<void> {
  const { id, ...fields } = doc;
  const [result] = await writeDocuments({ storage }, user, collection, [{ _id: id, ...fields }]);
  expect(result).toMatchObject({ ok: true });
}

/** A new ticket of `customer` (the server numbers it on arrival); its first conversation is its id. */
export async function newTicket(storage: Storage, customer: SessionUser, subject = 'Invoice shows the wrong VAT number'): Promise<TicketDoc> {
  const ticket = aTicket(customer, { id: newId(), subject });
  await writeAs(storage, customer, 'tickets', ticket);
  return ticket;
}

let clock = 10_000;

/** A message by `author` on `ticket`'s first conversation, written after every one made before. */
export function aReply(ticket: TicketDoc, author: SessionUser, overrides: Partial<MessageDoc> = {}): MessageDoc {
  return aMessage(ticket, author, { id: newId(), createdAt: ++clock, body: `Reply ${clock}`, ...overrides });
}

/** Writes a message (see `aReply`) as its author and returns it. */
export async function reply(storage: Storage, ticket: TicketDoc, author: SessionUser, overrides: Partial<MessageDoc> = {}): Promise<MessageDoc> {
  const message = aReply(ticket, author, overrides);
  await writeAs(storage, author, 'messages', message);
  return message;
}

/** Stores `bytes` as a public file `agent` uploaded for `ticket`; returns how a message names it. */
export async function uploadFile(storage: Storage, agent: SessionUser, ticket: TicketDoc, name: string, type: string, bytes: Buffer) {
  const sha256 = createHash('sha256').update(bytes as Uint8Array).digest('hex');
  const id = newId();
  await storeAttachment(storage, agent, { id, ticketId: ticket.id, customerId: ticket.customerId, visibility: 'public', name, declaredType: type, bytes, sha256 });
  return { id, name, type, size: bytes.length, sha256 };
}

/** The delivery of `messageId` once `done` says so (polled until the deadline). */
export async function deliveryWhen(storage: Storage, messageId: string, done: (delivery: DeliveryDoc) => boolean, timeoutMs = 10_000): Promise<DeliveryDoc> {
  const deadline = Date.now() + timeoutMs;
  let last: DeliveryDoc | undefined;
  while (Date.now() < deadline) {
    last = await storage.deliveries.get(messageId).then((doc) => doc as unknown as DeliveryDoc, () => undefined);
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`delivery of ${messageId} did not get there: ${JSON.stringify(last)}`);
}
