/**
 * The headers that make a stored attachment safe to open from the portal's origin: only a sniffed raster image is
 * inline with its own type; anything else is a download of `application/octet-stream`. Every answer forbids
 * sniffing, caching outside the browser's memory, and (should it be opened anyway) any script, style or request.
 */
import { INLINE_IMAGE_TYPES } from '../../app/model/attachment';
import type { AttachmentMeta } from '../services/attachment-store';

/** A `Content-Disposition` for `name` (already sanitised): an ASCII fallback, and RFC 5987 `filename*` when it differs. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  if (fallback === name) return `${kind}; filename="${name}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Whether the attachment is served inline: its bytes are one of the raster images. */
export function isInline(meta: Pick<AttachmentMeta, 'sniffedType'>): boolean {
  return (INLINE_IMAGE_TYPES as readonly (string | null)[]).includes(meta.sniffedType);
}

/** The headers of a download of `meta`'s bytes. */
export function attachmentHeaders(meta: AttachmentMeta): Record<string, string> {
  const inline = isInline(meta);
  return {
    'content-type': inline ? meta.sniffedType! : 'application/octet-stream',
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', meta.name),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'content-security-policy': "sandbox; default-src 'none'",
  };
}
