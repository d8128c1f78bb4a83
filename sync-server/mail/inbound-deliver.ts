/**
 * Where a mail goes. A reply (to a `+token` address, or naming a Harbor Message-ID) is added to its conversation only
 * when it is from that ticket's customer: the token and the Message-ID are in every copy of the mail, so they are
 * no proof of who writes. A reply to a closed ticket opens a new one that names it. Mail that answers nothing opens
 * a new ticket for its sender, a new password-less customer when the address has no account. Robots' mail is
 * dropped, a DMARC failure the MTA recorded refused, and the same Message-ID from one sender stored once.
 */
import type { ParsedMail } from 'mailparser';
import { formatTicketNumber } from '../../app/model/ticket-number';
import type { SessionUser } from '../../app/model/user';
import type { MailCustomers } from './inbound-accounts';
import { answeredConversation, customerOfAnswered, type Answered } from './inbound-answered';
import { checkFiles } from './inbound-files';
import { claimInbound, releaseInbound, type InboundIds } from './inbound-once';
import { readInboundMail, type InboundMail } from './inbound-read';
import { refuse } from './inbound-refusal';
import { failedDmarc, robotReason } from './inbound-robots';
import { ticketSubject, writeNewTicket, writeReply, type InboundWriteContext } from './inbound-write';

/** What delivering needs: the writer's context, the support address, and the customers. */
export interface DeliverContext extends InboundWriteContext {
  supportAddress: string;
  customers: MailCustomers;
}

/** The envelope smtp-server received the mail with. */
export interface Envelope {
  /** The MAIL FROM address; empty for a bounce. */
  mailFrom: string;
  recipients: readonly string[];
}

/** What became of a mail that was accepted. */
export type Delivery =
  | { kind: 'dropped'; reason: string }
  | { kind: 'duplicate' }
  | { kind: 'stored'; ticketId: string; messageId: string; newTicket: boolean };

/** The mail's documents under the claimed ids. */
async function write(ctx: DeliverContext, customer: SessionUser, answered: Answered | null, mail: InboundMail & { sender: string }, ids: InboundIds): Promise<Delivery> {
  const content = { body: mail.body, files: mail.files };
  if (answered && answered.ticket.status !== 'closed') {
    const message = await writeReply(ctx, customer, answered, content, ids);
    return { kind: 'stored', ticketId: message.ticketId, messageId: message.id, newTicket: false };
  }
  const old = answered && (formatTicketNumber(answered.ticket.number) ?? `"${answered.ticket.subject}"`);
  const firstLine = old ? `Follow-up to ${old}` : undefined;
  const message = await writeNewTicket(ctx, customer, ticketSubject(mail.subject, mail.sender), { ...content, ...(firstLine && { firstLine }) }, ids);
  return { kind: 'stored', ticketId: message.ticketId, messageId: message.id, newTicket: true };
}

/** Decides what `parsed` becomes and writes it; refusals throw `SmtpRefusal`. */
export async function deliverInbound(ctx: DeliverContext, parsed: ParsedMail, envelope: Envelope): Promise<Delivery> {
  const mail = readInboundMail(parsed);
  const robot = robotReason(parsed, envelope.mailFrom, mail.sender);
  if (robot) return { kind: 'dropped', reason: robot };
  const sender = mail.sender;
  if (!sender) throw refuse('The message has no From address.');
  if (failedDmarc(parsed)) throw refuse("The sender's domain failed DMARC, so the message was not accepted.");
  if (!mail.body && mail.files.length === 0) throw refuse('The message has no text and no attachments.');
  checkFiles(mail.files, ctx.config);
  const answered = await answeredConversation(ctx, ctx.supportAddress, envelope.recipients, mail.references);
  const customer = answered ? await customerOfAnswered(ctx.storage, answered, sender) : await ctx.customers.customerFor(sender, mail.senderName);
  const claim = await claimInbound(ctx.storage, sender, mail.messageId);
  if (claim.kind === 'duplicate') return { kind: 'duplicate' };
  try {
    return await write(ctx, customer, answered, { ...mail, sender }, claim.ids);
  } catch (error) {
    await releaseInbound(ctx.storage, sender, mail.messageId, claim.ids).catch(() => undefined);
    throw error;
  }
}
