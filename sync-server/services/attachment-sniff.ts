/** Tells a raster image by its first bytes (magic numbers), never by its name or the type its uploader declared. */
import type { InlineImageType } from '../../app/model/attachment';

const ascii = (bytes: Buffer, at: number, text: string): boolean =>
  [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));

const SIGNATURES: ReadonlyArray<readonly [InlineImageType, (bytes: Buffer) => boolean]> = [
  ['image/png', (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte)],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')],
  ['image/webp', (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')],
];

/** The image type the bytes begin with, or null for anything else (SVG, HTML and PDF included). */
export function sniffImageType(bytes: Buffer): InlineImageType | null {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0] ?? null;
}
