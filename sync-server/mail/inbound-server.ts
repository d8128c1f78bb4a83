/**
 * The inbound SMTP listener (INBOUND_SMTP_PORT), with smtp-server: it takes mail for the support address and its
 * `+token` forms only (never a relay), at most 25 MB a message, without AUTH or TLS (it sits behind the
 * organisation's MTA, which does those), parses it with mailparser and hands it to `deliverInbound`. Bad input gets
 * an SMTP error; nothing a client sends ends the process.
 */
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { RedisConnection } from '../services/redis-connection';
import type { Storage } from '../services/storage';
import { createMailCustomers, type MailAccountLimits } from './inbound-accounts';
import { deliverInbound, type DeliverContext, type Delivery } from './inbound-deliver';
import { deferred, SmtpRefusal } from './inbound-refusal';
import { domainOf } from './mail-config';
import { readRecipient } from './reply-token';

/** The largest message taken, in bytes (the 25 MB). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** More recipients than this in one transaction are refused: a reply names one address of ours. */
const MAX_RECIPIENTS = 10;

/** The listener, started. */
export interface InboundMailServer {
  /** The port it listens on (the free one picked when the configuration says 0). */
  port: number;
  /** Stops accepting and ends open connections. */
  close(): Promise<void>;
}

/** What the listener needs from the app. */
export interface InboundMailDeps {
  storage: Storage;
  config: Pick<ServerConfig, 'host' | 'mail' | 'attachmentMaxBytes' | 'attachmentMaxFiles'>;
  redis?: RedisConnection;
  logger: Logger;
  /** Tests lower the limits of accounts made by mail. */
  accountLimits?: MailAccountLimits;
}

const TOO_LARGE = () => new SmtpRefusal(552, `The message is larger than ${MAX_MESSAGE_BYTES / (1024 * 1024)} MB.`);

/** The whole message, or null once it passes `MAX_MESSAGE_BYTES` (the rest is read and dropped, never kept). */
async function readMessage(stream: Readable & { sizeExceeded?: boolean }): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk);
  }
  return size > MAX_MESSAGE_BYTES || stream.sizeExceeded ? null : Buffer.concat(chunks as Uint8Array[], size);
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    throw new SmtpRefusal(550, 'The message could not be read as an email.');
  }
}

/** The answer's text for an accepted mail. */
function acceptedText(delivery: Delivery): string {
  if (delivery.kind === 'dropped') return 'Accepted (an automatic message: not added to any ticket)';
  if (delivery.kind === 'duplicate') return 'Accepted (already received)';
  return delivery.newTicket ? 'Accepted: a new ticket was opened' : 'Accepted: added to the ticket';
}

/** Starts listening on `config.mail.inboundSmtpPort` at `config.host`. */
export async function startInboundMail(deps: InboundMailDeps): Promise<InboundMailServer> {
  const { storage, config, logger } = deps;
  const supportAddress = config.mail.inboundAddress;
  if (config.mail.inboundSmtpPort === undefined || !supportAddress) throw new Error('inbound mail is not configured');
  const customers = createMailCustomers(storage, deps.redis, deps.accountLimits);
  const ctx: DeliverContext = { storage, config, logger, supportAddress, customers };

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await readMessage(stream);
    if (!raw) throw TOO_LARGE();
    const envelope = {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
    };
    const delivery = await deliverInbound(ctx, await parse(raw), envelope);
    logger.info('inbound mail accepted', { outcome: delivery.kind, ...(delivery.kind === 'stored' && { ticketId: delivery.ticketId, messageId: delivery.messageId }), ...(delivery.kind === 'dropped' && { reason: delivery.reason }) });
    return acceptedText(delivery);
  }

  const server = new SMTPServer({
    name: domainOf(supportAddress),
    banner: 'Harbor inbound mail',
    size: MAX_MESSAGE_BYTES,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(new SmtpRefusal(452, 'Too many recipients.'));
      if (readRecipient(supportAddress, address.address)) return callback();
      callback(new SmtpRefusal(550, `No such recipient here: this server takes mail for ${supportAddress} only.`));
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (text) => callback(null, text),
        (error: unknown) => {
          if (error instanceof SmtpRefusal) {
            logger.info('inbound mail refused', { code: error.responseCode, reason: error.message });
            return callback(error);
          }
          logger.error('inbound mail failed', { error });
          // Drain what is left of the message so that the answer can be sent.
          stream.resume();
          callback(deferred('Harbor could not store the message just now; try again later.'));
        },
      );
    },
  });
  server.on('error', (error) => logger.warn('inbound mail connection trouble', { error: error.message }));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.mail.inboundSmtpPort, config.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          customers.close();
          resolve();
        });
      }),
  };
}
