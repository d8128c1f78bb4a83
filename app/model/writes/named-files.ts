/**
 * The files a message names (`attachments`), a part of every write that builds a message (a new request's first
 * message, replies and notes): the entries as the builders keep them, and the rule over documents (how many, each
 * well-formed). That each named file was uploaded by the writer to that ticket, for a message of that visibility,
 * only the server can know: it checks that against its stored uploads (sync-server's document writer).
 */
import {
  ATTACHMENT_ID, ATTACHMENT_MEDIA_TYPE, ATTACHMENT_SHA256, attachmentMediaType, DEFAULT_ATTACHMENT_LIMITS,
  sanitiseAttachmentName, type AttachmentLimits,
} from '../attachment';
import type { MessageAttachment, MessageDoc } from '../message.schema';
import type { Reason } from './write-types';

/** The `attachments` field a builder adds: names sanitised, types and hashes as kept; nothing when there are none. */
export function namedFilesField(files: readonly MessageAttachment[] | undefined): Pick<MessageDoc, 'attachments'> {
  if (!files || files.length === 0) return {};
  return {
    attachments: files.map(({ id, name, type, size, sha256 }) => ({
      id, name: sanitiseAttachmentName(name), type: attachmentMediaType(type), size, sha256: sha256.toLowerCase(),
    })),
  };
}

/** A byte count in words: whole megabytes when it is some, else bytes. */
export function formatByteLimit(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return Number.isInteger(megabytes) ? `${megabytes} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}

function entryError(file: MessageAttachment, limits: AttachmentLimits): Reason {
  if (!ATTACHMENT_ID.test(file.id)) return 'the message names a file by a malformed id';
  if (file.name !== sanitiseAttachmentName(file.name)) return 'the message names a file by a name that is not sanitised';
  if (!ATTACHMENT_MEDIA_TYPE.test(file.type)) return 'the message names a file of a malformed type';
  if (file.size > limits.maxBytes) return `a file may be at most ${formatByteLimit(limits.maxBytes)}`;
  if (!ATTACHMENT_SHA256.test(file.sha256)) return 'the message names a file whose sha256 is not 64 lowercase hex digits';
  return null;
}

/** A message names at most `limits.maxFiles` files, each once and well-formed. */
export function namedFilesRule(next: MessageDoc, limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS): Reason {
  const files = next.attachments ?? [];
  if (files.length > limits.maxFiles) return `a message may name at most ${limits.maxFiles} ${limits.maxFiles === 1 ? 'file' : 'files'}`;
  if (new Set(files.map((file) => file.id)).size !== files.length) return 'the message names the same file twice';
  for (const file of files) {
    const error = entryError(file, limits);
    if (error) return error;
  }
  return null;
}

/** Whether two messages name the same files in the same order, fact for fact (an identical re-send). */
export function sameNamedFiles(a: MessageDoc['attachments'], b: MessageDoc['attachments']): boolean {
  const left = a ?? [];
  const right = b ?? [];
  if ((a === undefined) !== (b === undefined) || left.length !== right.length) return false;
  return left.every((file, i) => {
    const other = right[i]!;
    return file.id === other.id && file.name === other.name && file.type === other.type
      && file.size === other.size && file.sha256 === other.sha256;
  });
}
