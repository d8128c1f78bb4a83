/**
 * What the device and the server agree on about an attachment: the shape of its id, how its file name is made
 * safe to store, show and send in a header, and which types are shown inline (raster images, never SVG).
 */

/** An attachment id: made on the device (a UUIDv7, say), so an upload sent twice is one attachment. */
export const ATTACHMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

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
