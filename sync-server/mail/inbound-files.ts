/**
 * A mail's files stored as the message's attachments through the attachment store, as an upload is: bound to the
 * customer and the ticket, under the same size and count limits, sniffed and hashed alike. Their ids come from the
 * message's id, so a mail received again stores each file once.
 */
import { createHash } from 'node:crypto';
import { attachmentMediaType, sanitiseAttachmentName } from '../../app/model/attachment';
import type { MessageAttachment } from '../../app/model/message.schema';
import type { SessionUser } from '../../app/model/user';
import { formatByteLimit } from '../../app/model/writes/named-files';
import type { ServerConfig } from '../config';
import { storeAttachment } from '../services/attachment-store';
import type { Storage } from '../services/storage';
import type { InboundFile } from './inbound-read';
import { SmtpRefusal } from './inbound-refusal';

/** The attachment limits a mail's files are held to (the upload endpoint's). */
export type FileLimits = Pick<ServerConfig, 'attachmentMaxBytes' | 'attachmentMaxFiles'>;

/** Refuses (552) a mail whose files an upload could not carry; checked before anything is written. */
export function checkFiles(files: readonly InboundFile[], limits: FileLimits): void {
  if (files.length > limits.attachmentMaxFiles) {
    throw new SmtpRefusal(552, `A message may carry at most ${limits.attachmentMaxFiles} attachments; this one has ${files.length}.`);
  }
  const large = files.find((file) => file.bytes.length > limits.attachmentMaxBytes);
  if (large) throw new SmtpRefusal(552, `An attachment may be at most ${formatByteLimit(limits.attachmentMaxBytes)}; ${sanitiseAttachmentName(large.name)} is larger.`);
}

/** Stores `files` for `customer` on `ticketId` and returns them as the message names them. */
export async function storeMailFiles(
  storage: Storage,
  customer: SessionUser,
  ticketId: string,
  messageId: string,
  files: readonly InboundFile[],
): Promise<MessageAttachment[]> {
  const named: MessageAttachment[] = [];
  for (const [index, file] of files.entries()) {
    const upload = {
      id: `${messageId}-file-${index + 1}`, ticketId, customerId: customer.id, visibility: 'public' as const,
      name: sanitiseAttachmentName(file.name), declaredType: attachmentMediaType(file.type), bytes: file.bytes,
      sha256: createHash('sha256').update(file.bytes as Uint8Array).digest('hex'),
    };
    const outcome = await storeAttachment(storage, customer, upload);
    if (outcome.kind === 'id taken') throw new Error(`attachment id ${upload.id} is held by another upload`);
    const { id, name, declaredType, size, sha256 } = outcome.meta;
    named.push({ id, name, type: declaredType, size, sha256 });
  }
  return named;
}
