/** Attachment names made safe, and the id shape. */
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_ID, ATTACHMENT_NAME_MAX, sanitiseAttachmentName } from './attachment';
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
