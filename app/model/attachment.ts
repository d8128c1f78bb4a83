/**
 * What the device and the server agree on about an attachment: the shape of its id and hash, the size and count
 * limits, how its file name is made safe to store, show and send in a header, and which types are shown inline
 * (raster images, never SVG).
 */

/** An attachment id: made on the device (a UUIDv7, say), so an upload sent twice is one attachment. */
export const ATTACHMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The SHA-256 of an attachment's bytes as kept and named: 64 lowercase hex digits. */
export const ATTACHMENT_SHA256 = /^[0-9a-f]{64}$/;

/** How large a file may be and how many one message may name (the server's ATTACHMENT_MAX_BYTES and _FILES). */
export interface AttachmentLimits {
  maxBytes: number;
  maxFiles: number;
}

/** The limits when none are configured: 25 MB a file, 10 files a message. */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 25 * 1024 * 1024, maxFiles: 10 };

/** A media type as kept for a file: `type/subtype`, lowercase, without parameters. */
export const ATTACHMENT_MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;

/** A declared type as kept: lowercase, parameters dropped; `application/octet-stream` when missing or malformed. */
export function attachmentMediaType(raw: string | undefined): string {
  const type = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return ATTACHMENT_MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}

/** The longest file name kept, in characters. */
export const ATTACHMENT_NAME_MAX = 200;

/** The only types served and shown inline; everything else (SVG and HTML included) is a download. */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type InlineImageType = (typeof INLINE_IMAGE_TYPES)[number];

/** Controls, bidi overrides, zero-width marks and characters file systems or headers give a meaning. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff<>:"/\\|?*]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The file name as kept: its last path segment, NFC, unsafe characters as `_`, runs of space as one, no leading
 * or trailing dots or spaces, at most `ATTACHMENT_NAME_MAX` characters; `attachment` when nothing is left.
 */
export function sanitiseAttachmentName(raw: string): string {
  const last = raw.split(/[/\\]/).at(-1) ?? '';
  const cleaned = last
    .replace(LONE_SURROGATE, '_')
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const cut = [...cleaned].slice(0, ATTACHMENT_NAME_MAX).join('').trimEnd();
  return cut || 'attachment';
}

/** A byte count as people read it: `512 bytes`, `340 KB`, `1.2 MB` (1 KB = 1,024 bytes, as file managers count). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value >= 10 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
  return `${shown} ${units[unit]}`;
}

/** What a composer knows of a chosen file before sending. */
export interface ChosenFileFacts {
  name: string;
  size: number;
}

/**
 * Why `file` cannot join the `chosen` files of one message under `limits`, in words for the person choosing it
 * (null when it can): told before sending, offline too.
 */
export function chosenFileError(file: ChosenFileFacts, chosen: readonly ChosenFileFacts[], limits: AttachmentLimits): string | null {
  const name = sanitiseAttachmentName(file.name);
  if (chosen.length >= limits.maxFiles) {
    return `“${name}” was not added: a message can carry at most ${limits.maxFiles} ${limits.maxFiles === 1 ? 'file' : 'files'}.`;
  }
  if (file.size > limits.maxBytes) {
    return `“${name}” is ${formatFileSize(file.size)}: a file can be at most ${formatFileSize(limits.maxBytes)}.`;
  }
  if (file.size === 0) return `“${name}” is empty: there is nothing to attach.`;
  return null;
}

/** The limits in words, for a composer's hint: `Up to 10 files, 25 MB each.` */
export function attachmentLimitsHint(limits: AttachmentLimits): string {
  return `Up to ${limits.maxFiles} ${limits.maxFiles === 1 ? 'file' : 'files'}, ${formatFileSize(limits.maxBytes)} each.`;
}

/** Whether a file of this type is shown as an image (a thumbnail in the composer and the thread). */
export function isInlineImage(type: string): type is InlineImageType {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(type);
}
