/** The rule over the files a message names: each entry well-formed, each once, no more than the limit. */
import { describe, expect, it } from 'vitest';
import { ada, aMessage, aNamedFile, aTicket } from '../fixtures';
import { formatByteLimit, namedFilesRule } from './named-files';

const ticket = aTicket(ada);
const naming = (...files: ReturnType<typeof aNamedFile>[]) => aMessage(ticket, ada, { attachments: files });

describe('namedFilesRule', () => {
  it('accepts a message naming no file, or well-formed ones up to the limit', () => {
    expect(namedFilesRule(aMessage(ticket, ada))).toBeNull();
    expect(namedFilesRule(naming())).toBeNull();
    expect(namedFilesRule(naming(aNamedFile(), aNamedFile({ id: 'file-2', size: 0 })), { maxFiles: 2, maxBytes: 2_048 })).toBeNull();
  });

  it.each([
    ['an id of another shape', { id: '_design/x' }, 'the message names a file by a malformed id'],
    ['an id too long', { id: 'a'.repeat(65) }, 'the message names a file by a malformed id'],
    ['a name not sanitised', { name: '../etc/passwd' }, 'the message names a file by a name that is not sanitised'],
    ['a name with a line break', { name: 'a\r\nb.txt' }, 'the message names a file by a name that is not sanitised'],
    ['a type with parameters', { type: 'text/plain; charset=utf-8' }, 'the message names a file of a malformed type'],
    ['a size past the limit', { size: 25 * 1024 * 1024 + 1 }, 'a file may be at most 25 MB'],
    ['an upper-case hash', { sha256: 'AB'.repeat(32) }, 'the message names a file whose sha256 is not 64 lowercase hex digits'],
    ['a short hash', { sha256: 'ab'.repeat(31) }, 'the message names a file whose sha256 is not 64 lowercase hex digits'],
  ])('refuses %s', (_what, bad, reason) => {
    expect(namedFilesRule(naming(aNamedFile(bad)))).toBe(reason);
  });

  it('refuses the same file named twice', () => {
    expect(namedFilesRule(naming(aNamedFile(), aNamedFile()))).toBe('the message names the same file twice');
  });

  it('says byte limits in megabytes when they are whole', () => {
    expect(formatByteLimit(26_214_400)).toBe('25 MB');
    expect(formatByteLimit(1_000)).toBe('1,000 bytes');
  });
});
