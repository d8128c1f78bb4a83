/** Test helpers for inbound mail: an app with its inbound listener, a customer's ticket with a reply token, and a sender. */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { aTicket } from '../../app/model/fixtures';
import { newId } from '../../app/model/ids';
import type { MessageDoc } from '../../app/model/message.schema';
import type { TicketDoc } from '../../app/model/ticket.schema';
import type { SessionUser } from '../../app/model/user';
import { createLogger } from '../logger';
import { writeDocuments } from '../services/document-writer';
import { readStoredDoc, toModelDoc } from '../services/feed-docs';
import { addUser, createTestApp, type TestApp } from '../test-support/test-app';
import type { MailAccountLimits } from './inbound-accounts';
import { messageIdHeader as harborMessageIdHeader } from './message-id';
import { startInboundMail, type InboundMailServer } from './inbound-server';
import { replyAddress, replyToken, replyTokenDocId } from './reply-token';

export const SUPPORT = 'support@acme.example';

/** The app, its listener, and its people. */
export interface InboundWorld {
  app: TestApp;
  inbound: InboundMailServer;
  ada: SessionUser;
  sam: SessionUser;
  /** Sends `mail` to the listener; rejects with nodemailer's error (its `responseCode`) when refused. */
  send(mail: Mail.Options): Promise<{ response: string }>;
  close(): Promise<void>;
}

/** An app (this project's storage) with the inbound listener on a free port, customer Ada and agent Sam. */
export async function createInboundWorld(accountLimits?: MailAccountLimits): Promise<InboundWorld> {
  const app = await createTestApp({ mail: { inboundSmtpPort: 0, inboundAddress: SUPPORT } });
  const inbound = await startInboundMail({
    storage: app.storage, config: app.config, logger: createLogger({ silent: true }),
    ...(app.redis && { redis: app.redis }), ...(accountLimits && { accountLimits }),
  });
  const ada = await addUser(app.storage, { role: 'customer', email: 'ada@example.com', name: 'Ada Lovelace' });
  const sam = await addUser(app.storage, { role: 'agent', email: 'sam@example.com', name: 'Sam Rivera' });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
  return {
    app, inbound, ada, sam,
    send: (mail) => transport.sendMail(mail),
    async close() {
      transport.close();
      await inbound.close();
      await app.close();
    },
  };
}

/** A ticket of `customer` with an agent's email message on it, and the reply address and Message-ID of that message. */
export interface MailedTicket {
  ticket: TicketDoc;
  agentMessage: MessageDoc;
  replyTo: string;
  messageIdHeader: string;
}

/** Writes a ticket of `world.ada` (in `status`) with Sam's email reply, and the reply-token record outbound would write. */
export async function mailedTicket(world: InboundWorld, status: TicketDoc['status'] = 'open'): Promise<MailedTicket> {
  const id = newId();
  const ticket = { ...aTicket(world.ada, { id, status, createdAt: Date.now(), statusChangedAt: Date.now() }) };
  const conversationId = newId();
  const agentMessage: MessageDoc = {
    id: newId(), schemaVersion: ticket.schemaVersion, ticketId: id, customerId: world.ada.id, conversationId, channel: 'email',
    visibility: 'public', authorRole: 'agent', authorId: world.sam.id, authorName: world.sam.name,
    body: 'Please try restarting the router.', createdAt: Date.now(),
  };
  const ctx = { storage: world.app.storage };
  for (const [collection, doc] of [['tickets', ticket], ['messages', agentMessage]] as const) {
    const { id: _id, ...fields } = doc;
    const [result] = await writeDocuments(ctx, world.sam, collection, [{ _id, ...fields }]);
    if (!result || 'error' in result) throw new Error(`could not write the ${collection}: ${JSON.stringify(result)}`);
  }
  const token = replyToken(world.app.config.sessionSecret, conversationId);
  await world.app.storage.mail.put({ _id: replyTokenDocId(token), ticketId: id, conversationId });
  const stored = await readStoredDoc(world.app.storage.tickets, id);
  return {
    ticket: toModelDoc(stored!) as TicketDoc, agentMessage,
    replyTo: replyAddress(SUPPORT, token), messageIdHeader: harborMessageIdHeader(agentMessage.id, SUPPORT),
  };
}

/** Every stored message of `ticketId`, oldest first. */
export async function messagesOf(world: InboundWorld, ticketId: string): Promise<MessageDoc[]> {
  const rows = await world.app.storage.messages.allDocs({ includeDocs: true });
  return rows
    .flatMap((row) => ('doc' in row && row.doc ? [toModelDoc(row.doc as never) as MessageDoc] : []))
    .filter((message) => message.ticketId === ticketId)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Every stored ticket of `customerId`. */
export async function ticketsOf(world: InboundWorld, customerId: string): Promise<TicketDoc[]> {
  const rows = await world.app.storage.tickets.allDocs({ includeDocs: true });
  return rows
    .flatMap((row) => ('doc' in row && row.doc ? [toModelDoc(row.doc as never) as TicketDoc] : []))
    .filter((ticket) => ticket.customerId === customerId);
}

/** The SMTP code a refused send got. */
export async function refusalCode(sending: Promise<unknown>): Promise<number | undefined> {
  try {
    await sending;
  } catch (error) {
    return (error as { responseCode?: number }).responseCode;
  }
  throw new Error('the mail was accepted');
}
