/** Attachment names made safe, and the id shape. */
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_ID, ATTACHMENT_NAME_MAX, attachmentLimitsHint, chosenFileError, formatFileSize, isInlineImage, sanitiseAttachmentName,
} from './attachment';
import { newId } from './ids';

describe('sanitiseAttachmentName', () => {
  it('keeps an ordinary name, unicode included', () => {
    expect(sanitiseAttachmentName('Invoice 2026-12.pdf')).toBe('Invoice 2026-12.pdf');
    expect(sanitiseAttachmentName('Überweisung – März.png')).toBe('Überweisung – März.png');
  });

  it('keeps the last path segment only, so no name climbs out of a folder', () => {
    expect(sanitiseAttachmentName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseAttachmentName('C:\\Users\\ada\\screen.png')).toBe('screen.png');
    expect(sanitiseAttachmentName('..')).toBe('attachment');
  });

  it('replaces controls, bidi overrides, quotes and header-breaking characters', () => {
    expect(sanitiseAttachmentName('a\r\nSet-Cookie: x.txt')).toBe('a__Set-Cookie_ x.txt');
    expect(sanitiseAttachmentName('photo\u202Egnp.exe')).toBe('photo_gnp.exe');
    expect(sanitiseAttachmentName('say "hi".txt')).toBe('say _hi_.txt');
    expect(sanitiseAttachmentName('bad\uD800half.txt')).toBe('bad_half.txt');
  });

  it('trims dots and spaces at the ends, and falls back to a name when nothing is left', () => {
    expect(sanitiseAttachmentName('  .hidden.  ')).toBe('hidden');
    expect(sanitiseAttachmentName('')).toBe('attachment');
    expect(sanitiseAttachmentName('\u0000')).toBe('_');
  });

  it('cuts long names by characters, never inside a surrogate pair', () => {
    expect(sanitiseAttachmentName('𝔞'.repeat(ATTACHMENT_NAME_MAX + 5))).toBe('𝔞'.repeat(ATTACHMENT_NAME_MAX));
  });
});

describe('ATTACHMENT_ID', () => {
  it('accepts the device ids and refuses CouchDB-special and path-like ones', () => {
    expect(ATTACHMENT_ID.test(newId())).toBe(true);
    for (const bad of ['', '_design', '../x', 'a/b', 'a'.repeat(65), 'a b']) expect(ATTACHMENT_ID.test(bad), bad).toBe(false);
  });
});

describe('what a composer tells about chosen files', () => {
  const limits = { maxBytes: 25 * 1024 * 1024, maxFiles: 2 };

  it('words sizes as file managers do', () => {
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(512)).toBe('512 bytes');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(340 * 1024)).toBe('340 KB');
    expect(formatFileSize(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatFileSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });

  it('refuses a file past the size, past the count, or empty, naming it', () => {
    expect(chosenFileError({ name: 'a.png', size: 10 }, [], limits)).toBeNull();
    expect(chosenFileError({ name: 'big.zip', size: 30 * 1024 * 1024 }, [], limits)).toBe('“big.zip” is 30 MB: a file can be at most 25 MB.');
    expect(chosenFileError({ name: 'c.txt', size: 1 }, [{ name: 'a', size: 1 }, { name: 'b', size: 1 }], limits))
      .toBe('“c.txt” was not added: a message can carry at most 2 files.');
    expect(chosenFileError({ name: 'zero.txt', size: 0 }, [], limits)).toBe('“zero.txt” is empty: there is nothing to attach.');
  });

  it('says the limits in one line and knows which types are images', () => {
    expect(attachmentLimitsHint({ maxBytes: 25 * 1024 * 1024, maxFiles: 10 })).toBe('Up to 10 files, 25 MB each.');
    expect(isInlineImage('image/png')).toBe(true);
    expect(isInlineImage('image/svg+xml')).toBe(false);
  });
});
